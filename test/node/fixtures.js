// One valid response, shared by the schema tests: a fresh copy each call so a
// test can break it without touching the next one.
export const validResponse = () => ({
  id: '3b241101-e2bb-4255-8caf-4136c566a962',
  surveyId: 'post-purchase',
  createdAt: '2026-11-23T10:15:00.000Z',
  locale: 'zh-CN',
  answers: { nps: 9, delivery: 4, comment: '很好👍🏽' },
  scores: {
    nps: { type: 'nps', value: 9, category: 'promoter' },
    delivery: { type: 'likert', value: 4, points: 5, normalized: 0.75, satisfied: true },
    comment: { type: 'text', length: 3 },
  },
  context: { orderId: 'A1001', page: 'https://shop.example/order/done', referrer: 'https://shop.example' },
});
