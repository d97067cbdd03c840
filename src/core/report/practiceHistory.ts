// A student's practice history, kept across reloads: every scored exam practice and practice case, and the resets of
// the running score (nothing is deleted). From it: one exam's attempts with the best, the running score of the cases
// since the last reset, and the latest cases.
import type { Site } from '../clinical/schema';
import type { ExamPracticeScore } from './examPractice';

/** One practice of a whole exam, the student's marks as scored. */
export interface ExamAttempt {
  kind: 'exam';
  id: string;
  examId: string;
  /** The exam's label when it was practised (the history outlives a deleted exam). */
  examLabel: string;
  atMs: number;
  points: number;
  maxPoints: number;
  sites: { site: Site; points: number; normalCorrect: boolean }[];
}

/** One practice case (a synthesized recording or a labelled one), or several kept as one total. */
export interface CaseAttempt {
  kind: 'case';
  id: string;
  /** What the case was: the synthesized condition or the recording's name. */
  title: string;
  atMs: number;
  points: number;
  maxPoints: number;
  /** 1; more for the running score kept before there was a history. */
  cases: number;
  /** How many of those cases were called normal or abnormal rightly. */
  normalCorrect: number;
}

/** "Reset score": the running score starts again from here; the attempts before it stay in the history. */
export interface ScoreReset {
  kind: 'reset';
  id: string;
  atMs: number;
}

export type PracticeRecord = ExamAttempt | CaseAttempt | ScoreReset;

export interface RunningScore {
  cases: number;
  points: number;
  maxPoints: number;
  normalCorrect: number;
}
export const EMPTY_SCORE: RunningScore = { cases: 0, points: 0, maxPoints: 0, normalCorrect: 0 };

export function examAttempt(
  id: string,
  exam: { id: string; label: string },
  score: ExamPracticeScore,
  atMs: number,
): ExamAttempt {
  return {
    kind: 'exam',
    id,
    examId: exam.id,
    examLabel: exam.label,
    atMs,
    points: score.points,
    maxPoints: score.maxPoints,
    sites: score.sites.map(({ site, points, normalCorrect }) => ({ site, points, normalCorrect })),
  };
}

export function caseAttempt(
  id: string,
  title: string,
  score: { points: number; maxPoints: number; normalCorrect: boolean },
  atMs: number,
): CaseAttempt {
  const { points, maxPoints } = score;
  return {
    kind: 'case',
    id,
    title,
    atMs,
    points,
    maxPoints,
    cases: 1,
    normalCorrect: Number(score.normalCorrect),
  };
}

const newestFirst = <T extends PracticeRecord>(list: readonly T[]) =>
  [...list].sort((a, b) => b.atMs - a.atMs);

/** A student's attempts at one exam, newest first, and the best of them (the earliest among equal scores). */
export function examPracticeHistory(
  records: readonly PracticeRecord[],
  examId: string,
): { attempts: ExamAttempt[]; best: ExamAttempt | null } {
  const mine = newestFirst(records.filter((r): r is ExamAttempt => r.kind === 'exam' && r.examId === examId));
  const fraction = (a: ExamAttempt) => (a.maxPoints > 0 ? a.points / a.maxPoints : 0);
  const best = mine.reduce<ExamAttempt | null>((b, a) => (!b || fraction(a) >= fraction(b) ? a : b), null);
  return { attempts: mine, best };
}

/** The cases practised since the newest reset, summed. */
export function runningScore(records: readonly PracticeRecord[]): RunningScore {
  const resetAtMs = Math.max(-Infinity, ...records.filter((r) => r.kind === 'reset').map((r) => r.atMs));
  return records
    .filter((r): r is CaseAttempt => r.kind === 'case' && r.atMs > resetAtMs)
    .reduce(
      (t, c) => ({
        cases: t.cases + c.cases,
        points: t.points + c.points,
        maxPoints: t.maxPoints + c.maxPoints,
        normalCorrect: t.normalCorrect + c.normalCorrect,
      }),
      EMPTY_SCORE,
    );
}

/** The latest `n` practice cases, newest first (resets do not hide them: they are history). */
export function recentCases(records: readonly PracticeRecord[], n: number): CaseAttempt[] {
  return newestFirst(records.filter((r): r is CaseAttempt => r.kind === 'case')).slice(0, n);
}
