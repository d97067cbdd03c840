// `npm run train -- <pretrain|sft|dpo|qat> [--config=<name>] [--key=value ...]`: runs one stage, resuming automatically
// from <outDir>/<stage> when a checkpoint is there.
import { runCli } from '../cli/args';
import { runStage } from '../stages/index';
import { parseArgs } from './config';

async function main(): Promise<void> {
  const { stage, config, configName } = parseArgs(process.argv.slice(2));
  console.error(`[train] ${stage}${configName ? ` --config=${configName}` : ''} → ${config.outDir}/${stage}`);
  const r = await runStage(stage, config);
  console.error(`[train] ${stage} finished at step ${r.step}: checkpoint ${r.dir}`);
}

runCli(main, '[train] ');
