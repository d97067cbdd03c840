// Machine codes of a findings-head output for the FHIR exports (one recording's report and the exam's bundle).
import { isFinding } from '../clinical/schema';
import { headName, legacyHead, type HeadProbability } from '../manifest/heads';
import { AUSCULT_FINDINGS, AUSCULT_HEADS, FINDING_SNOMED, type Code } from './snomed';

/**
 * Codes of a head output: a single schema finding in Auscult's finding system, a group (e.g. "murmur") in the head
 * system; SNOMED CT only when every finding it stands for has the same mapped code (crackles: fine or coarse).
 */
export function findingCoding(f: Pick<HeadProbability, 'label' | 'head'>): Code[] {
  const h = f.head ?? legacyHead(f.label);
  const name = headName(h);
  const single = h.findings.length === 1 && isFinding(h.findings[0]) ? h.findings[0] : undefined;
  const coding: Code[] = [
    single
      ? { system: AUSCULT_FINDINGS, code: single, display: name }
      : { system: AUSCULT_HEADS, code: f.label, display: name },
  ];
  const codes = h.findings.map((x) => FINDING_SNOMED[x]);
  const first = codes[0];
  if (first && codes.every((c) => c?.code === first.code)) coding.unshift(first);
  return coding;
}
