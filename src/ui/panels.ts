// Side panels shown next to the selected recording. Features such as the inference workspace register here.
import type { ComponentType } from 'react';
import type { RecordingMeta } from '../core/clinical/recording';
import { AskPanel } from './workspace/AskPanel';
import { FindingsPanel } from './workspace/FindingsPanel';
import type { PaneId } from './Panes';

export interface PanelSpec {
  /** The pane it is shown in (a tab of its own on a phone). */
  id: Exclude<PaneId, 'recording'>;
  title: string;
  Component: ComponentType<{ recording: RecordingMeta }>;
}

/** The answers pane's panels; App renders each with the selected recording. */
export const PANELS: readonly PanelSpec[] = [
  { id: 'ask', title: 'Ask the model', Component: AskPanel },
  { id: 'findings', title: 'Findings', Component: FindingsPanel },
];
