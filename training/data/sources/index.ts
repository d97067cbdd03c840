// Every dataset adapter, in the order the corpus lists them.
import { circor } from './circor';
import { pascal } from './pascal';
import { sprsound } from './sprsound';
import type { SourceAdapter } from './types';
import { yaseen } from './yaseen';

export const ADAPTERS: readonly SourceAdapter[] = [circor, sprsound, yaseen, pascal];
