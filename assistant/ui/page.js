// The page script: runs once when the reader panel mounts; `element` is the panel, `trigger` fires its events.
// Citation markers, paragraph links, copy and feedback links are <a href="?...">, so they work (as deep
// links) without script; with it, one capturing listener turns them into panel events or a clipboard copy.
const panel = element;
const column = () => document.getElementById('reader-column') || panel;
const question = () => document.querySelector('#question textarea');
// The open state is a class on the layout row: gradio scopes the app's CSS to its container, so not on <body>.
const layout = () => document.getElementById('layout') || document.body;
let opener = null;
let pending = false;

const settle = (force) => {
  // After the panel's new content arrives: focus the panel and bring the quoted sentence into view.
  if (!pending) return;
  const view = panel.querySelector('.paragraph-view, .notice');
  if (!view && !force) return;
  pending = false;
  const box = column();
  box.setAttribute('tabindex', '-1');
  box.focus({preventScroll: true});
  const mark = panel.querySelector('.para-text mark, blockquote mark');
  if (mark) mark.scrollIntoView({block: layout().classList.contains('reader-open') ? 'center' : 'nearest'});
};
new MutationObserver(() => settle(false)).observe(panel, {childList: true, subtree: true, characterData: true});

const openPanel = (link, data) => {
  opener = link;
  pending = true;
  layout().classList.add('reader-open');
  trigger('click', data);
  setTimeout(() => settle(true), 1500);  // the same paragraph again: no mutation to wait for
};

const closePanel = () => {
  if (!layout().classList.contains('reader-open')) return false;
  layout().classList.remove('reader-open');
  trigger('click', {close: '1'});
  const back = opener && document.body.contains(opener) ? opener : question();
  if (back) back.focus({preventScroll: false});
  return true;
};

const copyText = (text, done) => {
  const fallback = () => {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try { document.execCommand('copy'); } finally { area.remove(); }
    done();
  };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback);
  else fallback();
};

const onClick = (event) => {
  const link = event.target.closest
    ? event.target.closest('a[data-pid], a[href^="?p="], a[href^="?copy="], a[href^="?fb="], .panel-close')
    : null;
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  if (link.classList.contains('panel-close')) { closePanel(); return; }
  const params = new URLSearchParams(link.getAttribute('href') || '');
  if (params.has('copy')) {
    const source = link.closest('.answer') && link.closest('.answer').querySelector('.copy-text');
    const label = link.textContent;
    copyText(source ? source.textContent : '', () => {
      link.textContent = '已复制 Copied';
      link.classList.add('copied');
      setTimeout(() => { link.textContent = label; link.classList.remove('copied'); }, 2000);
    });
    return;
  }
  if (params.has('fb')) {
    link.classList.add('sent');
    link.setAttribute('aria-pressed', 'true');
    trigger('click', {feedback: params.get('fb') || '', answer: params.get('a') || ''});
    return;
  }
  openPanel(link, {pid: link.dataset.pid || params.get('p') || '', marker: link.dataset.marker || params.get('m') || '',
                   answer: link.dataset.answer || params.get('a') || ''});
};

const lastQuestion = () => {
  const asked = document.querySelectorAll('#chat [data-testid="user"], #chat .message.user, #chat .user-row .message');
  const last = asked.length ? asked[asked.length - 1] : null;
  return last ? last.innerText.trim() : '';
};

const onKey = (event) => {
  if (event.key === 'Escape' && closePanel()) { event.preventDefault(); return; }
  const box = question();
  if (event.key === 'ArrowUp' && event.target === box && !box.value.trim() &&
      !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
    const previous = lastQuestion();
    if (!previous) return;
    event.preventDefault();
    box.value = previous;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    box.setSelectionRange(previous.length, previous.length);
  }
};

for (const [name, handler] of [['click', onClick], ['keydown', onKey]]) {
  const key = '__assistant_' + name;
  if (window[key]) document.removeEventListener(name, window[key], true);
  window[key] = handler;
  document.addEventListener(name, handler, true);
}

// gradio labels each bot message with its raw HTML (aria-label="bot's message: <div ...>"): screen readers
// would read the markup. Label it with the answer's text instead.
const tidyLabels = () => {
  for (const message of document.querySelectorAll('#chat [data-testid="bot"][aria-label*="<"]')) {
    const text = message.querySelector('.answer-text, .refusal');
    message.setAttribute('aria-label', '回答 Answer: ' + (text ? text.innerText : message.innerText).slice(0, 400));
  }
};
new MutationObserver(tidyLabels).observe(document.getElementById('chat') || document.body,
                                         {childList: true, subtree: true, attributes: true,
                                          attributeFilter: ['aria-label']});
tidyLabels();
