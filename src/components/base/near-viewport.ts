// When a survey and its questions first render. A survey waits until the
// parser has added all its questions, so it appears whole, in one frame, and
// never grows under content already painted (no layout shift). A survey then
// within MARGIN of the viewport renders before the next frame; one farther
// away renders a placeholder of about its height, and its questions wait,
// until an IntersectionObserver sees it come near.

const MARGIN = 400;

const gates = new WeakMap<Element, { near: Promise<void>; open: () => void }>();
const onNear = new WeakMap<Element, () => void>();
let io: IntersectionObserver | undefined;

/** Whether the parser has moved past `el`: its children are all there. */
function isParsed(el: Element): boolean {
  if (document.readyState !== 'loading') return true;
  for (let n: Node | null = el; n; n = n.parentNode) if (n.nextSibling) return true;
  return false;
}

function parsed(el: Element): Promise<void> {
  if (isParsed(el)) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!isParsed(el)) return;
      mo.disconnect();
      document.removeEventListener('DOMContentLoaded', check);
      resolve();
    };
    const mo = new MutationObserver(check);
    mo.observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', check);
  });
}

function isNear(el: Element): boolean {
  // A popover floats in the top layer when it opens: where its host stands says nothing.
  if (((el as { display?: string }).display ?? el.getAttribute('display')) === 'popover') return true;
  const r = el.getBoundingClientRect();
  // A box of nothing (display: none, a closed popover) has no place to wait for.
  return (!r.width && !r.height) || (r.bottom >= -MARGIN && r.top <= innerHeight + MARGIN);
}

/** Called by a survey as it is created: its questions wait for `settle`. */
export function holdQuestions(survey: Element): void {
  let open!: () => void;
  const near = new Promise<void>((r) => (open = r));
  gates.set(survey, { near, open });
}

/**
 * Resolves once `survey` may render: true when it is near the viewport (its
 * questions render now), false when it should show a placeholder; `whenNear`
 * runs when it comes near later.
 */
export async function settle(survey: Element, whenNear: () => void): Promise<boolean> {
  await parsed(survey);
  const gate = gates.get(survey);
  if (typeof IntersectionObserver === 'undefined' || isNear(survey)) {
    gate?.open();
    return true;
  }
  io ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        io!.unobserve(e.target);
        gates.get(e.target)?.open();
        onNear.get(e.target)?.();
      }
    },
    { rootMargin: `${MARGIN}px 0px` },
  );
  onNear.set(survey, whenNear);
  io.observe(survey);
  return false;
}

/** What a question's first render waits for: its survey coming near the viewport. */
export function questionGate(question: Element): Promise<void> | undefined {
  const survey = question.parentElement?.closest('koubei-survey');
  return survey ? gates.get(survey)?.near : undefined;
}
