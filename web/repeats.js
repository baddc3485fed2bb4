// The summary of a repeat group, GOV.UK "add another" pattern: the entries
// so far as a summary list, each with Change and Remove links that name the
// entry to screen readers, then "Do you want to add another …?". Loaded only
// by forms that have repeats, so the first page of the others stays small.
// Removing asks no confirmation: it is announced in a live region instead.
// A label that starts with the entry's name ("Person 2 (name not known)") is
// not read out twice.
// app.js passes its own helpers, so both draw alike.

export function renderSummary(view, { focus }, { h, mount, back, heading, button, questionGroup, errorSummary, act, engine, deleteAnswersLink, t }) {
  const summary = view.summary;
  const errors = view.errors ?? [];
  const link = (text, entry, run) => h('a', {
    href: '#',
    class: 'fd-link',
    on: { click: (event) => { event.preventDefault(); act(run); } },
  }, text, h('span', { class: 'fd-visually-hidden' }, ` ${entry.title}${entry.label.startsWith(entry.title) ? '' : ` (${entry.label})`}`));
  const entries = summary.entries.length
    ? h('dl', { class: 'fd-summary-list fd-add-another' }, summary.entries.map((entry) => h('div', { class: 'fd-summary-list__row' },
      h('dt', { class: 'fd-summary-list__key' }, entry.label),
      h('dd', { class: 'fd-summary-list__actions' }, h('ul', { class: 'fd-summary-list__actions-list' },
        h('li', { class: 'fd-summary-list__actions-item' }, link(t('Change'), entry, () => engine.changeEntry(entry.entry))),
        h('li', { class: 'fd-summary-list__actions-item' }, link(t('Remove'), entry, () => engine.removeEntry(entry.entry))))))))
    : h('p', { class: 'fd-body' }, t('You have not added any yet.'));

  const question = summary.add_another;
  const ask = question && {
    id: question.id,
    type: 'radios',
    label: question.label,
    value: question.value,
    options: [{ value: 'yes', label: t('Yes') }, { value: 'no', label: t('No') }],
  };
  const form = h('form', {
    class: 'fd-form',
    novalidate: true,
    on: {
      submit: (event) => {
        event.preventDefault();
        act(() => {
          if (ask) engine.setAnswer(ask.id, form.querySelector(`input[name="${CSS.escape(ask.id)}"]:checked`)?.value ?? '');
          engine.next();
        });
      },
    },
  }, ask ? questionGroup(ask, { asHeading: false, error: question.error }) : null, button(t('Continue')));

  // Filled after the page is in place, so screen readers announce it.
  const notice = h('div', { class: 'fd-status', role: 'status' });
  if (view.notice) setTimeout(() => { notice.textContent = view.notice; }, 100);
  mount({
    title: summary.title,
    back: back(view),
    content: [
      errors.length ? errorSummary(errors, ask ? [ask] : []) : null,
      notice,
      h('span', { class: 'fd-caption-l' }, view.form.title),
      heading(summary.title),
      entries,
      form,
      deleteAnswersLink(),
    ].filter(Boolean),
    focus: errors.length && focus !== 'none' ? 'summary' : focus,
    hasErrors: errors.length > 0,
  });
}
