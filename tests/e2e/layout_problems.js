// What does not fit on the page: its horizontal overflow (naming the widest elements
// that no scrolling frame clips), and each word of a heading that wraps onto two lines.
() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    const clipped = e => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX !== 'visible' || style.clip !== 'auto' || style.clipPath !== 'none') return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll('body *')]
      .filter(e => e.getBoundingClientRect().right > width + 1 && !clipped(e))
      .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''));
    problems.push('page ' + document.documentElement.scrollWidth + 'px wide: ' + wide.slice(-3).join(', '));
  }
  for (const heading of document.querySelectorAll('h1, h2, h3, h4')) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const re = /\S+/g;
      let m;
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) problems.push('heading breaks "' + m[0] + '"');
      }
    }
  }
  return problems;
}
