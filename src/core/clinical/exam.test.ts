// The guided sequence's bookkeeping: next site, progress, skips, sites added on the way, one-recording exams.
import { describe, expect, it } from 'vitest';
import {
  examProgress,
  examRecordingIds,
  examSiteProgress,
  examsForLooseRecordings,
  holdsOnly,
  withDetails,
  newExam,
  nextSite,
  withoutRecording,
  withRecording,
  withSkipped,
} from './exam';

describe('exam sequence', () => {
  it('walks the sites in order, counting recorded and skipped ones as done', () => {
    let e = newExam('e', 'heart-4', { label: 'x', createdAtMs: 0, sex: 'male' });
    expect(e).toMatchObject({ sex: 'male', notes: '' });
    expect(e).not.toHaveProperty('ageGroup');
    expect(nextSite(e)).toBe('AV');
    e = withRecording(e, 'AV', 'r1');
    e = withSkipped(e, 'PV', true);
    expect(nextSite(e)).toBe('TV');
    expect(examProgress(e)).toEqual({ done: 2, total: 4 });
    e = withSkipped(e, 'PV', false);
    expect(nextSite(e)).toBe('PV');
    e = withRecording(e, 'posterior-left-lower', 'r2'); // a site outside the sequence is added
    expect(examRecordingIds(e)).toEqual(['r1', 'r2']);
    e = withoutRecording(e, 'r1');
    expect(nextSite(e)).toBe('AV');
  });

  it('gives a one-recording exam the site its recording was made at', () => {
    let e = newExam('s', 'single', { label: 'one', createdAtMs: 0 });
    expect(e.sites).toEqual([{ site: 'unknown' }]);
    e = withRecording(e, 'MV', 'r1');
    expect(e.sites).toEqual([{ site: 'MV', recordingId: 'r1' }]);
    expect(nextSite(e)).toBeNull();
  });

  it('draws each site as assessed, recorded, skipped or pending', () => {
    let e = newExam('e', 'heart-4', { label: 'x', createdAtMs: 0 });
    e = withRecording(e, 'AV', 'r1');
    e = withRecording(e, 'TV', 'r2');
    e = withSkipped(e, 'PV', true);
    const progress = examSiteProgress(e, (id) => id === 'r2');
    expect([...progress]).toEqual([
      ['AV', 'recorded'],
      ['PV', 'skipped'],
      ['TV', 'assessed'],
      ['MV', 'pending'],
    ]);
    // an assessment of a recording the exam does not hold changes nothing
    expect(
      examSiteProgress(newExam('f', 'lung-6', { label: 'y', createdAtMs: 0 }), () => true).get(
        'posterior-left-lower',
      ),
    ).toBe('pending');
  });

  it('turns recordings that no exam holds into one-site exams, once, losing none', () => {
    const recs = [
      { id: 'r1', name: 'Old heart', createdAtMs: 10, site: 'MV' as const },
      { id: 'r2', name: 'Old unknown', createdAtMs: 20, site: 'unknown' as const },
      { id: 'r3', name: 'In an exam', createdAtMs: 30, site: 'AV' as const },
    ];
    const exam = withRecording(newExam('e', 'heart-4', { label: 'x', createdAtMs: 0 }), 'AV', 'r3');
    const made = examsForLooseRecordings(recs, [exam]);
    expect(made).toEqual([
      {
        id: 'single-r1',
        protocol: 'single',
        label: 'Old heart',
        createdAtMs: 10,
        notes: '',
        sites: [{ site: 'MV', recordingId: 'r1' }],
      },
      {
        id: 'single-r2',
        protocol: 'single',
        label: 'Old unknown',
        createdAtMs: 20,
        notes: '',
        sites: [{ site: 'unknown', recordingId: 'r2' }],
      },
    ]);
    // every recording is now in exactly one exam, and a second run adds nothing
    const all = [exam, ...made];
    expect(all.flatMap(examRecordingIds).sort()).toEqual(['r1', 'r2', 'r3']);
    expect(examsForLooseRecordings(recs, all)).toEqual([]);
    expect(made.every((e) => nextSite(e) === null)).toBe(true);
    expect(holdsOnly(made[0], 'r1')).toBe(true);
    expect(holdsOnly(made[0], 'r2')).toBe(false);
    expect(holdsOnly(exam, 'r3')).toBe(false);
  });

  it('edits the details: cleared age group and sex go, a blank label keeps the old one, the sites stay', () => {
    const e = withRecording(
      newExam('e', 'heart-4', { label: 'Bed 4', createdAtMs: 5, ageGroup: 'adult', sex: 'female' }),
      'AV',
      'r1',
    );
    const edited = withDetails(e, { label: '  ', ageGroup: undefined, sex: 'male', notes: 'after exercise' });
    expect(edited).toEqual({
      id: 'e',
      protocol: 'heart-4',
      label: 'Bed 4',
      createdAtMs: 5,
      sex: 'male',
      notes: 'after exercise',
      sites: e.sites,
    });
    expect(edited.sites[0]).toEqual({ site: 'AV', recordingId: 'r1' });
    expect(withDetails(e, { label: ' Bed 5 ' }).label).toBe('Bed 5');
    expect(withDetails(e, { notes: '' })).toMatchObject({ ageGroup: 'adult', sex: 'female', notes: '' });
  });
});
