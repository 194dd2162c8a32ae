import type { Messages } from './messages.js';

/** Korean: loaded on demand, not part of the main bundle. */
const ko: Messages = {
  $lang: 'ko',
  $dir: 'ltr',
  // The possessive 의 takes no batchim-dependent form, unlike 을/를: right after any brand and after 저희.
  npsQuestion: '{brand}의 제품과 서비스를 친구나 동료에게 추천할 가능성은 얼마나 됩니까?',
  npsBrandFallback: '저희',
  npsLow: '전혀 가능성 없음',
  npsHigh: '매우 가능성 높음',
  likertQuestion: '이번 이용 경험에 얼마나 만족하셨습니까?',
  likert3: '불만족|보통|만족',
  likert4: '매우 불만족|불만족|만족|매우 만족',
  likert5: '매우 불만족|불만족|보통|만족|매우 만족',
  likert7: '극히 불만족|매우 불만족|불만족|보통|만족|매우 만족|극히 만족',
  textQuestion: '그 밖에 전하고 싶은 말씀이 있으신가요?',
  textHint: '최대 {max}자까지 입력할 수 있습니다',
  textRemaining: '{n}자 남았습니다',
  textRemainingOne: '1자 남았습니다',
  textOver: '{n}자 초과했습니다',
  textOverOne: '1자 초과했습니다',
  requiredChoice: '이 질문에 대한 답을 선택하세요',
  requiredText: '이 질문에 답하세요',
  tooLong: '답변은 {max}자 이하로 입력하세요',
  errorPrefix: '오류: ',
  errorSummary: '제출하기 전에 다음 사항을 확인하세요',
  submit: '제출',
  submitting: '제출 중…',
  thankYou: '소중한 의견 감사합니다!',
  back: '이전',
  next: '다음',
  progress: '{current} / {total}',
  close: '닫기',
  saveFailed: '답변을 저장하지 못했습니다. 다시 시도하세요.',
  required: '(필수)',
  surveyLabel: '의견',
};
export default ko;
