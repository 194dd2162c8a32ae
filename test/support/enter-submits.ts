/**
 * A host page that submits on Enter, for the "Enter never submits" tests.
 *
 * Nothing in a browser submits a form on an Enter pressed in a custom element
 * (implicit submission belongs to native text fields), so a test with a plain
 * form and a submit listener passes whatever the element does. Pages do wire
 * Enter to submit themselves, though: a keydown listener on the form that
 * submits on an Enter no control handled (`defaultPrevented`) and that still
 * reaches it (a control can stop it). That is the route Koubei's controls
 * close: the scale cancels Enter, the text box stops it. Each test first
 * proves the route works from a plain `<input>` in the same place.
 *
 * @param target where the page listens (a form, a wrapper, the survey)
 * @param submit what the page calls on Enter (form.requestSubmit(), survey.requestSubmit())
 * @returns the number of Enters the page acted on so far
 */
export function enterSubmits(target: EventTarget, submit: () => unknown): () => number {
  let acted = 0;
  target.addEventListener('keydown', (e) => {
    const k = e as KeyboardEvent;
    if (k.key !== 'Enter' || k.defaultPrevented) return;
    k.preventDefault(); // the page's own submit, not the browser's implicit one as well
    acted++;
    void submit();
  });
  return () => acted;
}

/** A plain text field appended to `parent`, for the control: Enter there must reach the page's handler. */
export function plainField(parent: Element): HTMLInputElement {
  const field = document.createElement('input');
  field.setAttribute('aria-label', 'a plain field');
  parent.append(field);
  return field;
}
