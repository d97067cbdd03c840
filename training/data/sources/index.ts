// Every dataset adapter, in the order the corpus lists them.
import { bmdhs } from './bmdhs';
import { circor } from './circor';
import { icbhi } from './icbhi';
import { kauh } from './kauh';
import { manifest } from './manifest';
import { pascal } from './pascal';
import { physionet2016 } from './physionet2016';
import { sprsound } from './sprsound';
import type { SourceAdapter } from './types';
import { yaseen } from './yaseen';

export const ADAPTERS: readonly SourceAdapter[] = [
  circor,
  sprsound,
  yaseen,
  pascal,
  bmdhs,
  kauh,
  physionet2016,
  icbhi,
  manifest,
];
