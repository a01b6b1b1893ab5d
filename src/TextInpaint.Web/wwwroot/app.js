'use strict';
// The TextInpaint page: paint a hole, type a sentence, see what each word did.
// Everything it needs comes from this server: no request leaves the machine.
(() => {
  const $ = id => document.getElementById(id);
  const imageCanvas = $('image-canvas'), maskCanvas = $('mask-canvas'), stage = $('stage'), viewport = $('viewport');
  const state = {
    model: null, width: 0, height: 0, base: null, mask: null, undo: [], redo: [],
    tool: 'rect', brush: 24, zoom: 1, panX: 0, panY: 0,
    fill: null, fillAbort: null, readAbort: null, lastRoundTrip: null, words: [], hover: -1, online: true,
  };

  // ---- status line ------------------------------------------------------------------------
  function status(text, kind = '') { const s = $('status'); s.textContent = text; s.className = kind; }
  function busy(on) { $('busy').hidden = !on; }

  /** fetch that turns every failure into a message: problem+json detail, busy with Retry-After, or a lost connection. */
  async function call(url, options = {}) {
    let response;
    try { response = await fetch(url, options); }
    catch (e) {
      if (e.name === 'AbortError') throw e;
      lostConnection();
      throw new Error('lost connection to the server');
    }
    if (!state.online) { state.online = true; status('connection back'); }
    if (response.ok) return response;
    let detail = `${response.status} ${response.statusText}`;
    try { const problem = await response.json(); detail = problem.detail || problem.title || detail; } catch { /* not JSON */ }
    const retry = response.headers.get('Retry-After');
    const error = new Error(detail);
    error.status = response.status;
    error.retryAfter = retry ? Number(retry) : null;
    throw error;
  }

  function report(error) {
    if (error.name === 'AbortError') return;
    if (error.status === 429 || error.status === 503)
      status(`server busy: ${error.message}${error.retryAfter ? ` (retry in ${error.retryAfter} s)` : ''}`, 'busy');
    else if (!state.online) status('lost connection to the server: is `textinpaint serve` still running?', 'error');
    else status(error.message, 'error');
  }

  function lostConnection() {
    if (!state.online) return;
    state.online = false;
    status('lost connection to the server: is `textinpaint serve` still running?', 'error');
    const ping = setInterval(async () => {
      try { if ((await fetch('/healthz')).ok) { clearInterval(ping); state.online = true; status('connection back'); } } catch { /* still down */ }
    }, 2000);
  }

  // ---- the image and its mask -------------------------------------------------------------
  async function setBase(blob, hole) {
    const bitmap = await createImageBitmap(blob);
    state.base = blob;
    state.width = bitmap.width; state.height = bitmap.height;
    for (const c of [imageCanvas, maskCanvas]) { c.width = bitmap.width; c.height = bitmap.height; }
    imageCanvas.getContext('2d').drawImage(bitmap, 0, 0);
    state.mask = new Uint8Array(bitmap.width * bitmap.height);
    state.undo = []; state.redo = [];
    if (hole) fillRect(hole.x, hole.y, hole.x + hole.width, hole.y + hole.height, 1);
    $('drop-hint').hidden = true;
    fit();
    drawMask();
  }

  async function openFile(file) {
    if (!file) return;
    try { await setBase(file); status(`opened ${file.name || 'image'} (${state.width}x${state.height})`); }
    catch { status(`${file.name || 'that file'}: not an image the browser can show`, 'error'); }
  }

  function fillRect(x0, y0, x1, y1, value) {
    const [l, r] = [Math.max(0, Math.min(x0, x1)), Math.min(state.width, Math.max(x0, x1))];
    const [t, b] = [Math.max(0, Math.min(y0, y1)), Math.min(state.height, Math.max(y0, y1))];
    for (let y = t; y < b; y++) state.mask.fill(value, y * state.width + l, y * state.width + r);
  }

  function stamp(cx, cy, radius, value) {
    const r2 = radius * radius;
    for (let y = Math.max(0, Math.floor(cy - radius)); y <= Math.min(state.height - 1, Math.ceil(cy + radius)); y++)
      for (let x = Math.max(0, Math.floor(cx - radius)); x <= Math.min(state.width - 1, Math.ceil(cx + radius)); x++)
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r2) state.mask[y * state.width + x] = value;
  }

  function line(a, b, radius, value) {
    const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / Math.max(1, radius / 2)));
    for (let i = 0; i <= steps; i++) stamp(a.x + (b.x - a.x) * i / steps, a.y + (b.y - a.y) * i / steps, radius, value);
  }

  /** The square the model sees, as the server computes it (src/TextInpaint/Inference/CropWindow.cs). */
  function modelWindow() {
    let left = state.width, top = state.height, right = -1, bottom = -1;
    for (let y = 0; y < state.height; y++)
      for (let x = 0; x < state.width; x++)
        if (state.mask[y * state.width + x]) { left = Math.min(left, x); right = Math.max(right, x); top = Math.min(top, y); bottom = Math.max(bottom, y); }
    if (right < 0) return null;
    const hole = Math.max(right - left + 1, bottom - top + 1), side = Math.max(hole, Math.ceil(2 * hole));
    const place = (first, last, length) => {
      const start = Math.trunc((first + last + 1 - side) / 2);
      return side <= length ? Math.min(Math.max(start, 0), length - side) : Math.trunc((length - side) / 2);
    };
    return { x: place(left, right, state.width), y: place(top, bottom, state.height), side };
  }

  function drawMask(preview) {
    const ctx = maskCanvas.getContext('2d');
    const data = ctx.createImageData(state.width, state.height);
    for (let i = 0; i < state.mask.length; i++)
      if (state.mask[i]) { data.data[4 * i] = 230; data.data[4 * i + 1] = 30; data.data[4 * i + 2] = 80; data.data[4 * i + 3] = 150; }
    ctx.putImageData(data, 0, 0);
    if (preview) { ctx.fillStyle = 'rgba(230,30,80,.35)'; ctx.fillRect(preview.x, preview.y, preview.w, preview.h); }
    const w = modelWindow();
    if (w) {
      ctx.save(); ctx.setLineDash([6, 4]); ctx.lineWidth = Math.max(1, state.width / 300); ctx.strokeStyle = '#1d4ed8';
      ctx.strokeRect(w.x + .5, w.y + .5, w.side - 1, w.side - 1); ctx.restore();
    }
  }

  function remember() { state.undo.push(state.mask.slice()); if (state.undo.length > 60) state.undo.shift(); state.redo = []; }
  function undo() { if (!state.undo.length) return; state.redo.push(state.mask); state.mask = state.undo.pop(); drawMask(); maskChanged(); }
  function redo() { if (!state.redo.length) return; state.undo.push(state.mask); state.mask = state.redo.pop(); drawMask(); maskChanged(); }

  function maskBlob() {
    const c = document.createElement('canvas'); c.width = state.width; c.height = state.height;
    const ctx = c.getContext('2d'), data = ctx.createImageData(state.width, state.height);
    for (let i = 0; i < state.mask.length; i++) { const v = state.mask[i] ? 255 : 0; data.data.set([v, v, v, 255], 4 * i); }
    ctx.putImageData(data, 0, 0);
    return new Promise(resolve => c.toBlob(resolve, 'image/png'));
  }

  async function loadMask(file) {
    if (!file || !state.base) return;
    try {
      const bitmap = await createImageBitmap(file);
      const c = document.createElement('canvas'); c.width = state.width; c.height = state.height;
      const ctx = c.getContext('2d'); ctx.imageSmoothingEnabled = false; ctx.drawImage(bitmap, 0, 0, state.width, state.height);
      const px = ctx.getImageData(0, 0, state.width, state.height).data;
      remember();
      for (let i = 0; i < state.mask.length; i++) state.mask[i] = 0.299 * px[4 * i] + 0.587 * px[4 * i + 1] + 0.114 * px[4 * i + 2] >= 127.5 ? 1 : 0;
      drawMask(); maskChanged();
    } catch { status(`${file.name}: not a mask image`, 'error'); }
  }

  // ---- zoom, pan and drawing with mouse, pen and touch -----------------------------------
  function applyView() { stage.style.transform = `translate(${state.panX}px, ${state.panY}px) scale(${state.zoom})`; }
  function fit() {
    if (!state.width) return;
    state.zoom = Math.min(viewport.clientWidth / state.width, viewport.clientHeight / state.height);
    state.panX = (viewport.clientWidth - state.width * state.zoom) / 2; state.panY = (viewport.clientHeight - state.height * state.zoom) / 2;
    applyView();
  }
  function zoomBy(factor, cx = viewport.clientWidth / 2, cy = viewport.clientHeight / 2) {
    const z = Math.min(32, Math.max(0.05, state.zoom * factor));
    state.panX = cx - (cx - state.panX) * z / state.zoom; state.panY = cy - (cy - state.panY) * z / state.zoom; state.zoom = z;
    applyView();
  }
  function imagePoint(e) {
    const r = maskCanvas.getBoundingClientRect();
    return { x: (e.clientX - r.left) * state.width / r.width, y: (e.clientY - r.top) * state.height / r.height };
  }

  let stroke = null, spaceDown = false;
  maskCanvas.addEventListener('pointerdown', e => {
    if (!state.base) return;
    // Keep the stroke when the pointer leaves the canvas (a pointer the browser does not track cannot be captured).
    try { maskCanvas.setPointerCapture(e.pointerId); } catch { /* untracked pointer */ }
    if (e.button === 1 || spaceDown) { stroke = { pan: true, x: e.clientX, y: e.clientY }; return; }
    if (e.button !== 0) return;
    e.preventDefault();
    remember();
    const p = imagePoint(e);
    stroke = { start: p, last: p };
    if (state.tool !== 'rect') { line(p, p, state.brush / 2, state.tool === 'brush' ? 1 : 0); drawMask(); }
  });
  maskCanvas.addEventListener('pointermove', e => {
    if (!stroke) return;
    if (stroke.pan) { state.panX += e.clientX - stroke.x; state.panY += e.clientY - stroke.y; stroke.x = e.clientX; stroke.y = e.clientY; applyView(); return; }
    const p = imagePoint(e);
    if (state.tool === 'rect') {
      const x = Math.round(Math.min(p.x, stroke.start.x)), y = Math.round(Math.min(p.y, stroke.start.y));
      drawMask({ x, y, w: Math.round(Math.max(p.x, stroke.start.x)) - x, h: Math.round(Math.max(p.y, stroke.start.y)) - y });
    } else { line(stroke.last, p, state.brush / 2, state.tool === 'brush' ? 1 : 0); drawMask(); }
    stroke.last = p;
  });
  const endStroke = e => {
    if (!stroke) return;
    if (!stroke.pan) {
      if (state.tool === 'rect') {
        const p = imagePoint(e), s = stroke.start;
        fillRect(Math.round(s.x), Math.round(s.y), Math.round(p.x), Math.round(p.y), 1);
      }
      drawMask(); maskChanged();
    }
    stroke = null;
  };
  maskCanvas.addEventListener('pointerup', endStroke);
  maskCanvas.addEventListener('pointercancel', endStroke);
  viewport.addEventListener('wheel', e => { e.preventDefault(); const r = viewport.getBoundingClientRect(); zoomBy(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - r.left, e.clientY - r.top); }, { passive: false });

  function setTool(tool) {
    state.tool = tool;
    for (const b of document.querySelectorAll('.tool')) b.classList.toggle('active', b.dataset.tool === tool);
  }
  function setBrush(size) { state.brush = Math.min(120, Math.max(2, size)); $('brush-size').value = state.brush; $('brush-size-value').textContent = state.brush; }

  document.addEventListener('keydown', e => {
    if (e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement) return;
    const key = e.key.toLowerCase();
    if ((e.ctrlKey || e.metaKey) && key === 'z') { e.preventDefault(); e.shiftKey ? redo() : undo(); }
    else if ((e.ctrlKey || e.metaKey) && key === 'y') { e.preventDefault(); redo(); }
    else if (e.key === '[') setBrush(state.brush - 4);
    else if (e.key === ']') setBrush(state.brush + 4);
    else if (key === 'r') setTool('rect');
    else if (key === 'b') setTool('brush');
    else if (key === 'e') setTool('eraser');
    else if (e.key === ' ') { spaceDown = true; e.preventDefault(); }
  });
  document.addEventListener('keyup', e => { if (e.key === ' ') spaceDown = false; });

  // ---- caption chips as you type ----------------------------------------------------------
  let readTimer = 0, fillTimer = 0;
  async function readCaption() {
    state.readAbort?.abort();
    const abort = state.readAbort = new AbortController();
    try {
      const reading = await (await call('/api/v1/caption?text=' + encodeURIComponent($('caption').value), { signal: abort.signal })).json();
      const chips = $('chips'); chips.replaceChildren();
      for (const w of reading.words) {
        const chip = document.createElement('span');
        chip.className = `chip ${w.state}`; chip.textContent = w.word;
        chip.title = { known: 'known to the model', unknown: 'not in the vocabulary: read as <unk>', dropped: `not read: the model reads ${reading.maxWords} words` }[w.state];
        chips.append(chip);
      }
    } catch (e) { report(e); }
  }
  $('caption').addEventListener('input', () => {
    clearTimeout(readTimer); readTimer = setTimeout(readCaption, 120);
    if ($('follow').checked && state.fill) { clearTimeout(fillTimer); fillTimer = setTimeout(() => fill(), Math.max(250, (state.lastRoundTrip ?? 250) * 2)); }
  });
  function maskChanged() { if ($('follow').checked && state.fill) { clearTimeout(fillTimer); fillTimer = setTimeout(() => fill(), 250); } }

  // ---- filling ----------------------------------------------------------------------------
  const pngOf = base64 => Uint8Array.from(atob(base64), c => c.charCodeAt(0));

  /** One fill on the server: the JSON answer with its PNG as a blob. A newer fill of the same kind cancels the older. */
  async function request(caption, seed, signal) {
    const form = new FormData();
    form.append('image', state.base, 'image');
    form.append('mask', await maskBlob(), 'mask.png');
    form.append('caption', caption);
    if (seed !== null && seed !== '') form.append('seed', String(seed));
    const started = performance.now();
    const result = await (await call('/api/v1/inpaint', { method: 'POST', body: form, headers: { Accept: 'application/json' }, signal })).json();
    result.roundTrip = performance.now() - started;
    result.blob = new Blob([pngOf(result.image)], { type: 'image/png' });
    result.caption = caption;
    return result;
  }

  async function fill() {
    if (!state.base) { status('open an image or pick a sample bird first', 'error'); return; }
    if (!state.mask.some(v => v)) { status('paint the hole first (white = hole): drag a box or use the brush', 'error'); return; }
    state.fillAbort?.abort();
    const abort = state.fillAbort = new AbortController();
    busy(true);
    try {
      const result = await request($('caption').value, $('seed').value, abort.signal);
      state.lastRoundTrip = result.roundTrip;
      show(result);
      $('strip').replaceChildren();
      status(`filled in ${Math.round(result.roundTrip)} ms (model ${Math.round(result.runMilliseconds)} ms)`);
      if ($('text-changed').checked) await compareWithoutText(result, abort.signal);
    } catch (e) { report(e); }
    finally { if (state.fillAbort === abort) busy(false); }
  }

  function show(result) {
    state.fill = result;
    const url = URL.createObjectURL(result.blob);
    $('result').src = url;
    $('before').src = URL.createObjectURL(state.base);
    $('result-hint').hidden = true;
    for (const id of ['accept', 'download', 'reroll', 'variants', 'classical', 'text-changed']) $(id).disabled = false;
    $('model-input').src = result.modelInput ? 'data:image/png;base64,' + result.modelInput : '';
    $('model-output').src = result.modelOutput ? 'data:image/png;base64,' + result.modelOutput : '';
    $('model-square').hidden = !result.modelInput;
    $('notes').replaceChildren(...result.notes.map(n => Object.assign(document.createElement('li'), { textContent: n })));
    wipe();
    showDemand(result);
  }

  function showDemand(result) {
    const list = $('demand'); list.replaceChildren();
    const max = Math.max(1e-9, ...result.words.filter(w => w.demand !== null).map(w => w.demand));
    result.words.forEach((w, i) => {
      const item = document.createElement('span');
      item.className = 'word' + (w.demand === null ? ' dropped' : '');
      item.dataset.index = i;
      item.textContent = w.word;
      if (w.demand !== null) {
        const bar = document.createElement('span'); bar.className = 'bar'; bar.style.width = `${100 * w.demand / max}%`;
        const weight = document.createElement('span'); weight.className = 'weight'; weight.textContent = w.demand.toFixed(2);
        item.append(bar, weight);
        item.title = `demand ${w.demand.toFixed(3)}: hover to see where the model placed "${w.word}"`;
        item.addEventListener('pointerenter', () => overlay(i));
        item.addEventListener('pointerleave', () => overlay(-1));
      } else item.title = 'not read';
      list.append(item);
    });
  }

  /** Red where the hovered word was placed, over the model's square of the result. */
  function overlay(index) {
    const result = state.fill, canvas = $('attention-canvas'), img = $('result');
    for (const el of document.querySelectorAll('.demand .word')) el.classList.toggle('hover', Number(el.dataset.index) === index);
    canvas.width = result.width; canvas.height = result.height;
    canvas.style.width = img.clientWidth + 'px'; canvas.style.height = img.clientHeight + 'px';
    canvas.dataset.word = index >= 0 ? result.words[index].word : '';
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (index < 0 || !result.window) return;
    const map = result.words[index].attention, side = result.attentionSide, peak = Math.max(1e-9, ...map);
    const small = document.createElement('canvas'); small.width = side; small.height = side;
    const sctx = small.getContext('2d'), data = sctx.createImageData(side, side);
    for (let i = 0; i < map.length; i++) data.data.set([255, 0, 40, Math.round(210 * map[i] / peak)], 4 * i);
    sctx.putImageData(data, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(small, result.window.x, result.window.y, result.window.side, result.window.side);
  }

  function wipe() {
    const after = Number($('wipe').value);
    $('before').style.clipPath = `inset(0 0 0 ${after}%)`;
    $('before').style.width = $('result').clientWidth + 'px';
  }

  /** A crop of the model's square from a fill, as a thumbnail canvas. */
  async function thumbnail(result) {
    const bitmap = await createImageBitmap(result.blob), w = result.window;
    const c = document.createElement('canvas'); c.width = w.side; c.height = w.side;
    c.getContext('2d').drawImage(bitmap, w.x, w.y, w.side, w.side, 0, 0, w.side, w.side);
    return c;
  }

  function figure(node, label, onPick) {
    const f = document.createElement('figure');
    f.append(node, Object.assign(document.createElement('figcaption'), { textContent: label }));
    if (onPick) f.addEventListener('click', onPick);
    return f;
  }

  async function compareWithoutText(result, signal) {
    const empty = await request('', $('seed').value, signal);
    const [a, b] = [await thumbnail(empty), await thumbnail(result)];
    const diff = document.createElement('canvas'); diff.width = a.width; diff.height = a.height;
    const pa = a.getContext('2d').getImageData(0, 0, a.width, a.height), pb = b.getContext('2d').getImageData(0, 0, b.width, b.height);
    const out = diff.getContext('2d').createImageData(a.width, a.height);
    for (let i = 0; i < pa.data.length; i += 4) {
      const d = Math.min(255, 3 * (Math.abs(pa.data[i] - pb.data[i]) + Math.abs(pa.data[i + 1] - pb.data[i + 1]) + Math.abs(pa.data[i + 2] - pb.data[i + 2])) / 3);
      out.data.set([d, d, d, 255], i);
    }
    diff.getContext('2d').putImageData(out, 0, 0);
    const compare = $('compare');
    compare.replaceChildren(figure(a, 'empty caption'), figure(b, 'with the sentence'), figure(diff, 'difference (×3)'));
    compare.hidden = false;
  }

  /** Fills one after another (one model run at a time on the server), adding each to the strip. */
  async function strip(jobs) {
    const abort = state.fillAbort = new AbortController(), strip = $('strip');
    strip.replaceChildren();
    busy(true);
    try {
      for (const job of jobs) {
        const result = await request(job.caption, job.seed, abort.signal);
        strip.append(figure(await thumbnail(result), job.label, () => { $('caption').value = job.caption; $('seed').value = job.seed ?? ''; show(result); readCaption(); }));
      }
      status(`${jobs.length} fills: click one to use it`);
    } catch (e) { report(e); }
    finally { if (state.fillAbort === abort) busy(false); }
  }

  function variants() {
    const caption = $('caption').value, colours = state.model?.colours ?? [];
    const match = caption.match(new RegExp(`\\b(${colours.join('|')})\\b`, 'i'));
    if (!match) { status(`the caption names no colour to swap (${colours.join(', ')})`, 'error'); return; }
    const at = match.index, word = match[0];
    strip(colours.filter(c => c !== word.toLowerCase()).map(c => ({
      caption: caption.slice(0, at) + c + caption.slice(at + word.length), seed: $('seed').value || null, label: c,
    })));
  }

  /** The same hole filled by each classical method (OpenCV's and PatchMatch, no text), beside the model's fill. */
  async function classical() {
    const abort = state.fillAbort = new AbortController(), strip = $('strip'), fill = state.fill;
    strip.replaceChildren(figure(await thumbnail(fill), 'the model'));
    busy(true);
    try {
      state.classical ??= await (await call('/api/v1/classical')).json();
      for (const method of state.classical) {
        const form = new FormData();
        form.append('image', state.base, 'image');
        form.append('mask', await maskBlob(), 'mask.png');
        form.append('method', method.name);
        const blob = await (await call('/api/v1/classical', { method: 'POST', body: form, signal: abort.signal })).blob();
        const shown = figure(await thumbnail({ blob, window: fill.window }), method.name);
        shown.title = method.description;
        strip.append(shown);
      }
      status(`${state.classical.length} classical fills beside the model's: they read no text`);
    } catch (e) { report(e); }
    finally { if (state.fillAbort === abort) busy(false); }
  }

  function reroll() {
    strip(Array.from({ length: 4 }, () => { const seed = Math.floor(Math.random() * 1e6); return { caption: $('caption').value, seed, label: `seed ${seed}` }; }));
  }

  async function accept() {
    if (!state.fill) return;
    await setBase(state.fill.blob);
    status('the fill is the new base: paint the next hole');
  }

  async function download(blob, name) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob); a.download = name;
    document.body.append(a); a.click(); a.remove();
  }

  // ---- wiring -----------------------------------------------------------------------------
  $('file').addEventListener('change', e => openFile(e.target.files[0]));
  $('mask-file').addEventListener('change', e => loadMask(e.target.files[0]));
  viewport.addEventListener('dragover', e => e.preventDefault());
  viewport.addEventListener('drop', e => { e.preventDefault(); openFile(e.dataTransfer.files[0]); });
  document.addEventListener('paste', e => {
    const item = [...(e.clipboardData?.items ?? [])].find(i => i.type.startsWith('image/'));
    if (item) openFile(item.getAsFile());
  });
  for (const b of document.querySelectorAll('.tool')) b.addEventListener('click', () => setTool(b.dataset.tool));
  $('brush-size').addEventListener('input', e => setBrush(Number(e.target.value)));
  $('undo').addEventListener('click', undo);
  $('redo').addEventListener('click', redo);
  $('clear').addEventListener('click', () => { if (!state.mask) return; remember(); state.mask.fill(0); drawMask(); });
  $('mask-download').addEventListener('click', async () => { if (state.mask) download(await maskBlob(), 'mask.png'); });
  $('zoom-in').addEventListener('click', () => zoomBy(1.25));
  $('zoom-out').addEventListener('click', () => zoomBy(0.8));
  $('zoom-fit').addEventListener('click', fit);
  $('fill').addEventListener('click', fill);
  $('caption').addEventListener('keydown', e => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); fill(); } });
  $('accept').addEventListener('click', accept);
  $('download').addEventListener('click', () => state.fill && download(state.fill.blob, 'textinpaint.png'));
  $('reroll').addEventListener('click', reroll);
  $('variants').addEventListener('click', variants);
  $('classical').addEventListener('click', classical);
  $('text-changed').addEventListener('change', e => { $('compare').hidden = true; if (e.target.checked) fill(); });
  $('wipe').addEventListener('input', wipe);
  window.addEventListener('resize', () => { fit(); wipe(); });

  $('samples').addEventListener('change', async e => {
    const sample = state.samples?.find(s => s.key === e.target.value);
    if (!sample) return;
    try {
      await setBase(await (await call(sample.image)).blob(), sample.hole);
      $('caption').value = sample.caption;
      readCaption();
      status(`${sample.key}: the suggested hole is drawn; press Fill`);
    } catch (err) { report(err); }
  });

  (async () => {
    try {
      state.samples = await (await call('/api/v1/samples')).json();
      for (const s of state.samples) $('samples').append(new Option(`${s.key}: ${s.caption.slice(0, 40)}…`, s.key));
      for (let attempt = 0; !state.model; attempt++) {
        try { state.model = await (await call('/api/v1/model')).json(); }
        catch (e) { if (e.status !== 503 || attempt > 60) throw e; status('the model is loading…', 'busy'); await new Promise(r => setTimeout(r, 1000)); }
      }
      $('model-name').textContent = `model ${state.model.name} (${state.model.preset}, ${state.model.imageSize}×${state.model.imageSize}, reads ${state.model.maxWords} words)`;
      status('ready');
      document.body.dataset.ready = 'true';
    } catch (e) { report(e); }
  })();
})();
