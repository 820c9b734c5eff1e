// WCAG contrast of the first visible element matching each selector: its text colour against the background
// it is painted on (the nearest non-transparent backgrounds, blended), the text faded by any opacity on its
// ancestors (as a dimmed, pending output would be). Returns [{selector, ratio, fg, bg, opacity}].
(selectors) => {
  const parse = (text) => {
    const m = text.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (top, under) => ({r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
                                  b: top.b * top.a + under.b * (1 - top.a), a: 1});
  const backdrop = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let color = {r: 255, g: 255, b: 255, a: 1};  // the canvas
    for (const layer of layers.reverse()) color = over(layer, color);
    return color;
  };
  const luminance = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const out = [];
  for (const selector of selectors) {
    const element = Array.from(document.querySelectorAll(selector)).find((e) => e.getClientRects().length);
    if (!element) continue;
    const bg = backdrop(element);
    let opacity = 1;
    for (let e = element; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    const text = parse(getComputedStyle(element).color);
    const fg = over({...text, a: text.a * opacity}, bg);
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    out.push({selector, ratio: Math.round((hi + 0.05) / (lo + 0.05) * 100) / 100,
              fg: getComputedStyle(element).color, bg: `rgb(${bg.r}, ${bg.g}, ${bg.b})`, opacity});
  }
  return out;
}
