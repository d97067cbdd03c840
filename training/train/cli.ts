// `npm run train -- <pretrain|sft|dpo|qat> [--config=<name>] [--key=value ...]`: runs one stage, resuming automatically
// from <outDir>/<stage> when a checkpoint is there.
import { runCli } from '../cli/args';
import { parseArgs } from './config';
import { runDpo } from '../dpo/run';
import { runQat } from '../qat/run';
import { runPretrain, runSft } from './run';

async function main(): Promise<void> {
  const { stage, config, configName } = parseArgs(process.argv.slice(2));
  console.error(`[train] ${stage}${configName ? ` --config=${configName}` : ''} → ${config.outDir}/${stage}`);
  const run = { pretrain: runPretrain, sft: runSft, dpo: runDpo, qat: runQat }[stage];
  const r = await run(config);
  console.error(`[train] ${stage} finished at step ${r.step}: checkpoint ${r.dir}`);
}

runCli(main, '[train] ');
