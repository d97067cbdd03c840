// Licence and attribution carried by every exported model's manifest (shown in the app's About panel).

export const MODEL_LICENCE = {
  model:
    'Research and education use only; not a medical device. Weights produced by the Auscult training pipeline.',
  attribution: [
    'Auscult model weights are derived from public auscultation datasets; see docs/datasets.md for each dataset, its licence and citation.',
  ],
  notice:
    'Research and education use only — not a medical device. Do not use for diagnosis or treatment decisions.',
};
