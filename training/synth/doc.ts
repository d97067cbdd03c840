// Generates docs/synth.md from the synthesizer's own constants (every number in the doc comes from code or
// from a measurement on rendered output), with the literature each number follows.
import {
  CRACKLE_SHAPE_MS,
  CRACKLE_TIMING,
  PLEURAL_RUB_BAND_HZ,
  TONE_WOBBLE,
} from '../../src/core/synth/adventitious';
import { CONDITION_SPECS, SYNTH_CONDITIONS } from '../../src/core/synth/conditions';
import { AUDIBLE_SPLIT_S } from '../../src/core/synth/heart';
import {
  COMPONENTS,
  COMPONENT_JITTER,
  EJECTION_CLICK_DELAY_S,
  MID_SYSTOLIC_CLICK_FRACTION,
  OPENING_SNAP_DELAY_S,
  PERICARDIAL_RUB_BAND_HZ,
  S3_DELAY_S,
  S4_LEAD_S,
  SITE_ATTENUATION_DB,
  T1_DELAY_S,
} from '../../src/core/synth/heartSounds';
import {
  AF_RR_RANGE,
  EXTRASYSTOLE_COUPLING,
  INSPIRATORY_FRACTION,
  RSA_DEPTH,
  s1ToA2S,
  splitMs,
  type S2SplitMode,
} from '../../src/core/synth/heartTiming';
import { BREATH_PROFILES } from '../../src/core/synth/lungBreath';
import {
  HARSH_MODULATION,
  MURMUR_LESIONS,
  MURMUR_PRESETS,
  gradeDb,
  mostAudibleSite,
  type Grade,
} from '../../src/core/synth/murmur';
import { DEVICE_RESPONSES, POOR_QUALITY } from '../../src/core/synth/nuisance';
import { measuredRows } from './measured';

export const REFERENCES: Record<string, string> = {
  Weissler1968:
    'Weissler AM, Harris WS, Schoenfeld CD. Systolic time intervals in heart failure in man. Circulation, 1968.',
  Leatham1954: 'Leatham A. Splitting of the first and second heart sounds. Lancet, 1954.',
  Xu2000:
    'Xu J, Durand LG, Pibarot P. Nonlinear transient chirp signal modeling of the aortic and pulmonary components of the second heart sound. IEEE Trans Biomed Eng, 2000.',
  Levine1933:
    'Freeman AR, Levine SA. The clinical significance of the systolic murmur. Ann Intern Med, 1933 (the Levine grades I–VI).',
  Bates:
    "Bickley LS, Szilagyi PG. Bates' Guide to Physical Examination and History Taking (murmur timing, shape, pitch, quality, site and radiation).",
  Constant: 'Constant J. Bedside Cardiology (split S2 variants, clicks, opening snap, S3/S4 timing).',
  Tavel:
    'Tavel ME. Clinical Phonocardiography and External Pulse Recording (phonocardiographic timing of S3, S4, clicks and snaps).',
  Murphy1977:
    'Murphy RLH, Holford SK, Knowler WC. Visual lung-sound characterization by time-expanded wave-form analysis. N Engl J Med, 1977 (IDW and 2CD).',
  CORSA2000:
    'Sovijärvi ARA, Dalmasso F, Vanderschoot J, Malmberg LP, Righini G, Stoneman SAT. Definition of terms for applications of respiratory sounds. Eur Respir Rev, 2000.',
  Nath1974: 'Nath AR, Capel LH. Inspiratory crackles — early and late. Thorax, 1974.',
  Pasterkamp1997:
    'Pasterkamp H, Kraman SS, Wodicka GR. Respiratory sounds: advances beyond the stethoscope. Am J Respir Crit Care Med, 1997.',
  Gavriely1981:
    'Gavriely N, Palti Y, Alroy G. Spectral characteristics of normal breath sounds. J Appl Physiol, 1981.',
  Bohadana2014: 'Bohadana A, Izbicki G, Kraman SS. Fundamentals of lung auscultation. N Engl J Med, 2014.',
  Abella1992:
    'Abella M, Formolo J, Penney DG. Comparison of the acoustic properties of six popular stethoscopes. J Acoust Soc Am, 1992.',
};

const ms = (s: number): string => `${Math.round(s * 1000)} ms`;
const table = (head: string[], rows: (string | number)[][]): string =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

function heartTimingSection(): string {
  const modes: S2SplitMode[] = ['normal', 'wide', 'fixed', 'paradoxical', 'single'];
  return `## Heart: timing
- S1→A2 interval = QS2 − 50 ms with QS2 = 546 − 2.1·HR ms [Weissler1968]: ${ms(s1ToA2S(60))} at 60 bpm, ${ms(s1ToA2S(72))} at 72 bpm, ${ms(s1ToA2S(120))} at 120 bpm.
- Respiration: inspiration is the first ${Math.round(INSPIRATORY_FRACTION * 100)} % of each cycle; respiratory sinus arrhythmia shortens RR by up to ${Math.round(RSA_DEPTH * 100)} % (model choice).
- Atrial fibrillation: RR uniform in ${AF_RR_RANGE[0]}–${AF_RR_RANGE[1]} × mean RR, no S4 (no atrial contraction) [Bates]. Extrasystoles: coupling ${EXTRASYSTOLE_COUPLING[0]}–${EXTRASYSTOLE_COUPLING[1]} × RR, full compensatory pause, weaker S2 (model choice after the textbook ECG pattern).
- M1→T1 ${ms(T1_DELAY_S)} [Leatham1954]. A2–P2 split by mode, at expiration / peak inspiration (normal: single or < 30 ms on expiration, widening on inspiration [Leatham1954, Constant]; negative = P2 first):

${table(
  ['mode', 'expiration', 'peak inspiration'],
  modes.map((m) => [m, `${splitMs(m, 0).toFixed(0)} ms`, `${splitMs(m, 1).toFixed(0)} ms`]),
)}

- With an abnormal split mode, each S2 whose A2–P2 interval is at least ${ms(AUDIBLE_SPLIT_S)} gets a 'split-s2' event.
- Extra sounds: ejection click S1+${ms(EJECTION_CLICK_DELAY_S)}; mid-systolic click at ${Math.round(MID_SYSTOLIC_CLICK_FRACTION * 100)} % of S1→A2; opening snap A2+${ms(OPENING_SNAP_DELAY_S)} (A2–OS 40–120 ms in mitral stenosis); S3 A2+${ms(S3_DELAY_S)} (120–180 ms); S4 ${ms(S4_LEAD_S)} before S1 [Tavel, Constant].
- Pericardial rub: three bursts (ventricular systole, early diastole, atrial systole), noise ${PERICARDIAL_RUB_BAND_HZ[0]}–${PERICARDIAL_RUB_BAND_HZ[1]} Hz [Bates; band is a model choice].
`;
}

function heartComponentsSection(): string {
  const rows = Object.entries(COMPONENTS).map(([k, c]) => [k, ms(c.durationS), `${c.f0Hz} → ${c.f1Hz} Hz`]);
  return `## Heart: sound components
Each component is a Hann-windowed linear chirp with decreasing instantaneous frequency, the transient-chirp model of A2/P2 [Xu2000] applied to all components. The Hz values are this model's choices inside the low-frequency range of heart sounds [Tavel]. Valve-sound amplitude and frequency vary by ±${Math.round(COMPONENT_JITTER * 100)} % from beat to beat (model choice).

${table(['component', 'duration', 'frequency sweep'], rows)}
`;
}

function murmurSection(): string {
  const rows = MURMUR_LESIONS.map((l) => {
    const p = MURMUR_PRESETS[l];
    return [
      l,
      p.kind,
      `${p.loHz}–${p.hiHz} Hz`,
      p.attributes.shape ?? '',
      p.attributes.pitch ?? '',
      p.attributes.quality ?? '',
      p.source,
      mostAudibleSite(l),
    ];
  });
  const grades = ([1, 2, 3, 4, 5, 6] as Grade[]).map((g) => [g, `${gradeDb(g)} dB`]);
  return `## Murmurs
Timing, shape, pitch, quality and site follow [Bates, Constant]; the Hz bands are this model's reading of the pitch descriptors (not measurements). Right-sided murmurs grow on inspiration (Carvallo's sign). Quality sets the texture (model choices): blowing = smooth band noise; harsh = band noise with irregular amplitude modulation (depth ${HARSH_MODULATION.depth}, ${HARSH_MODULATION.rateHz.join('–')} Hz); rumbling = low band; musical = a tone at the band's geometric centre with a second harmonic.

${table(['lesion', 'kind', 'band', 'shape', 'pitch', 'quality', 'source', 'loudest site'], rows)}

Grade → murmur RMS inside its window relative to the RMS of a full-strength S1 component. The Levine scale [Levine1933] is perceptual and has no standard dB mapping: 6 dB per grade, grade 4 (first with a thrill) = S1, is a model choice.

${table(['grade', 'level'], grades)}

Site attenuation (dB) of each source; 0 dB at its classic area, radiation per [Bates, Constant] (aortic to the apex; septal defects at the lower left sternal border ≈ TV; PDA below the left clavicle ≈ PV):

${table(
  ['site', ...Object.keys(SITE_ATTENUATION_DB.AV)],
  Object.entries(SITE_ATTENUATION_DB).map(([s, r]) => [s, ...Object.values(r)]),
)}
`;
}

function lungSection(): string {
  const breath = Object.entries(BREATH_PROFILES).map(([k, p]) => [
    k,
    `${p.loHz}–${p.hiHz} Hz`,
    `${Math.round(20 * Math.log10(p.expGain))} dB`,
    `${Math.round(p.expAudibleFraction * 100)} %`,
    ms(p.pauseS),
  ]);
  const crackles = (['fine', 'coarse'] as const).map((k) => [
    k,
    `${CRACKLE_SHAPE_MS[k].idw.join('–')} ms`,
    `${CRACKLE_SHAPE_MS[k].tcd.join('–')} ms`,
    `${CRACKLE_TIMING[k].join('–')} of inspiration`,
  ]);
  return `## Lung
Breath sounds are filtered noise under phase envelopes. Vesicular: energy mostly at low frequencies, falling steeply above ~200 Hz [Gavriely1981], loud inspiration and a short faint early expiration; bronchial: higher-pitched, expiration as loud and long as inspiration with a pause between [Pasterkamp1997, Bates]. Bands are model choices.

${table(['breath', 'band', 'expiration level', 'expiration audible', 'pause'], breath)}

Crackles are explosive transients: a first half-cycle of width IDW, then three half-cycles that complete two cycles at 2CD [Murphy1977]. Fine: IDW ≈ 0.7 ms, 2CD ≈ 5 ms; coarse: IDW ≈ 1.5 ms, 2CD ≈ 10 ms [CORSA2000]. Fine crackles fall late, coarse early in inspiration (coarse also in expiration) [Nath1974].

${table(['crackle', 'IDW', '2CD', 'position'], crackles)}

Wheezes are sustained tones (fundamental dominant, two weak harmonics, ±${TONE_WOBBLE * 100} % wobble), dominant frequency ≥ 100 Hz and duration > 100 ms; rhonchi are low-pitched, ≤ ~200 Hz [CORSA2000, Bohadana2014]; several simultaneous frequencies make a polyphonic wheeze. Stridor is a loud high-pitched inspiratory tone (its frequency range in the stridor condition is a model choice) [Pasterkamp1997]. Pleural rub: trains of short creaking bursts, ${PLEURAL_RUB_BAND_HZ[0]}–${PLEURAL_RUB_BAND_HZ[1]} Hz, late inspiration and early expiration [CORSA2000; band is a model choice].
`;
}

function nuisanceSection(): string {
  const rows = Object.entries(DEVICE_RESPONSES).map(([k, d]) => [
    k,
    d.loHz ? `${d.loHz} Hz` : '—',
    Number.isFinite(d.hiHz) ? `${d.hiHz} Hz` : '—',
  ]);
  return `## Nuisances (optional, labeled)
Heart sounds under lung sounds (events in \`nuisances.heartEvents\`), chest-piece friction and handling bumps ('poor-quality' events and finding), ambient noise at a set SNR, generic device responses (below; not measurements of any product — bell passes lows, diaphragm attenuates them [Abella1992]), gain and clipping (clipping of more than ${POOR_QUALITY.clippedFraction * 100} % of samples, SNR below ${POOR_QUALITY.snrDb} dB, or any friction/handling makes the recording 'poor-quality').

${table(['device', 'high-pass', 'low-pass'], rows)}
`;
}

function conditionsSection(): string {
  const rows = SYNTH_CONDITIONS.map((c) => {
    const s = CONDITION_SPECS[c];
    return [c, s.domain, s.findings.join(', '), s.diagnosis.join(', ') || '—'];
  });
  return `## Conditions (\`npm run synth -- --list\`)
${table(['condition', 'domain', 'findings', 'diagnosis'], rows)}
`;
}

export function renderSynthDoc(): string {
  const refs = Object.entries(REFERENCES)
    .map(([k, v]) => `- [${k}] ${v}`)
    .join('\n');
  return `# Physiological heart and lung sound synthesizer

Generated by \`npm run synth -- --doc docs/synth.md\` from the constants in \`src/core/synth\`; do not edit by hand.
API: \`synthesizeCondition(condition, { seed, durationS, sampleRateHz, site?, nuisances? })\` returns samples and exact labels;
\`synthesizeHeart\` / \`synthesizeLung\` take explicit physiological parameters. Deterministic for a seed (mulberry32), pure TypeScript.
Listen: \`npm run synth -- --condition aortic-stenosis --out x.wav [--seed 1 --duration 10 --rate 4000 --site AV --device acoustic-bell --snr 20]\`
writes the WAV and its labels (x.json); \`--all <dir>\` renders every condition. The lung \`site\` is a label only (it does not change the sound).
Where a number is marked "model choice" it is not from the literature: it is a plausible value picked for this model.

${conditionsSection()}
${heartTimingSection()}
${heartComponentsSection()}
${murmurSection()}
${lungSection()}
${nuisanceSection()}
## Measured on the rendered output
Computed when this file was generated (the property tests in \`src/core/synth/*.test.ts\` assert thresholds on the same measures).

${table(['property', 'value'], measuredRows())}

## References
${refs}
`;
}
