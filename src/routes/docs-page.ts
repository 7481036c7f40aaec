/**
 * A self-contained API reference page: it renders `/api/openapi.json` in the browser with no CDN, so
 * it works offline in development as well as in production.
 */
export const docsPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Edge Orchestrator</title>
<style>
  :root { color-scheme: dark; --bg:#0f1115; --panel:#171a21; --text:#e6e8ee; --muted:#9aa3b2; --accent:#7aa2ff; }
  body { margin:0; font:15px/1.5 system-ui, sans-serif; background:var(--bg); color:var(--text); }
  main { max-width: 960px; margin: 0 auto; padding: 24px 16px 64px; }
  h1 { font-size: 24px; } h2 { margin-top: 32px; text-transform: capitalize; color: var(--muted); font-size: 16px; }
  details { background: var(--panel); border-radius: 8px; margin: 8px 0; padding: 8px 12px; }
  summary { cursor: pointer; display: flex; gap: 12px; align-items: baseline; }
  summary:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
  .method { font: 600 12px ui-monospace, monospace; min-width: 56px; text-transform: uppercase; color: var(--accent); }
  code, pre { font: 13px ui-monospace, monospace; } pre { overflow-x: auto; background: #0b0d11; padding: 8px; border-radius: 6px; }
  .muted { color: var(--muted); }
</style>
</head>
<body>
<main>
  <h1>Edge Orchestrator API</h1>
  <p class="muted" id="intro">Loading <a href="./openapi.json">openapi.json</a>…</p>
  <div id="routes"></div>
</main>
<script type="module">
  const doc = await (await fetch('./openapi.json')).json();
  document.getElementById('intro').textContent = doc.info.description + ' Base URL: ' + doc.servers[0].url;
  const resolve = (schema) => schema && schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
  const byTag = {};
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      (byTag[(op.tags || ['other'])[0]] ||= []).push({ path, method, op });
    }
  }
  const root = document.getElementById('routes');
  for (const [tag, routes] of Object.entries(byTag)) {
    const h = document.createElement('h2'); h.textContent = tag; root.append(h);
    for (const { path, method, op } of routes) {
      const d = document.createElement('details');
      const s = document.createElement('summary');
      const m = document.createElement('span'); m.className = 'method'; m.textContent = method;
      const p = document.createElement('code'); p.textContent = path;
      const t = document.createElement('span'); t.className = 'muted'; t.textContent = op.summary || '';
      s.append(m, p, t); d.append(s);
      const body = op.requestBody?.content?.['application/json']?.schema;
      const parts = [];
      if (op.description) parts.push(['Description', op.description]);
      if (op.parameters?.length) parts.push(['Parameters', op.parameters]);
      if (body) parts.push(['Request body', resolve(body)]);
      for (const [status, res] of Object.entries(op.responses || {})) {
        const schema = res.content?.['application/json']?.schema;
        parts.push([status + ' ' + res.description, schema ? resolve(schema) : null]);
      }
      for (const [title, value] of parts) {
        const b = document.createElement('p'); b.textContent = title; d.append(b);
        if (value && typeof value === 'object') { const pre = document.createElement('pre'); pre.textContent = JSON.stringify(value, null, 2); d.append(pre); }
        else if (value) { const q = document.createElement('p'); q.className = 'muted'; q.textContent = value; d.append(q); }
      }
      root.append(d);
    }
  }
</script>
</body>
</html>`;
