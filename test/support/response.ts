/** A valid one-question NPS response (a promoter) with a fresh id, for tests that only need something to deliver. */
export const npsResponse = (surveyId: string) => ({
  id: crypto.randomUUID(),
  surveyId,
  createdAt: new Date().toISOString(),
  locale: 'en',
  answers: { nps: 9 },
  scores: { nps: { type: 'nps' as const, value: 9, category: 'promoter' as const } },
  context: {},
});
