// Side panels shown next to the selected recording. Features such as the inference workspace register here.
import type { ComponentType } from 'react';
import type { RecordingMeta } from '../storage/recordings';
import { AskPanel } from './workspace/AskPanel';
import { FindingsPanel } from './workspace/FindingsPanel';

export interface PanelSpec {
  id: string;
  title: string;
  Component: ComponentType<{ recording: RecordingMeta }>;
}

/** Empty until a feature adds its panel; App renders each with the selected recording. */
export const PANELS: readonly PanelSpec[] = [
  { id: 'ask', title: 'Ask the model', Component: AskPanel },
  { id: 'findings', title: 'Findings', Component: FindingsPanel },
];
