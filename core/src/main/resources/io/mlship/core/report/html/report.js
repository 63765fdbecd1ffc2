/*
 * mlship delivery report: renders every mlship report of a run (CLI report.html) or of a build (the Jenkins
 * build page) from the reports' JSON. The page holds <script type="application/json" id="mlship-reports"> with
 * a list of sources {kind, file, href?, text?, missing?} (on the Jenkins page: the attribute data-sources, hrefs
 * relative to data-base): a source with text is parsed as it is (the CLI's self-contained page), one with only
 * href is fetched (Jenkins serves the files through DirectoryBrowserSupport), one marked missing was
 * expected but not written. A missing or malformed report gets a card that says which; the rest still render.
 * Charts are Chart.js (vendored, see vendor/README.md). Everything from a report is put in the page as text,
 * never as HTML. window.mlshipReport exposes the charts and problems to the browser test.
 */
(function () {
  'use strict';

  var state = { ready: false, charts: [], problems: [], sections: [] };
  window.mlshipReport = state;

  var ORDER = ['build', 'verify', 'scan', 'deploy', 'shadow', 'diagnosis'];
  var TITLES = {
    build: 'Build and provenance', verify: 'Verify', scan: 'Scan', deploy: 'Deploy',
    shadow: 'Shadow', diagnosis: 'Diagnosis'
  };
  var MIB = 1024 * 1024;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); }
    });
    return node;
  }

  function fmtBytes(bytes) {
    if (bytes === null || bytes === undefined) { return '-'; }
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    var v = bytes, u = 0;
    while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
    return u === 0 ? bytes + ' B' : v.toFixed(1) + ' ' + units[u];
  }

  function fmtMillis(ms) {
    if (ms === null || ms === undefined) { return '-'; }
    return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(1) + ' s';
  }

  /** A table of label/value rows, skipping values the report does not have. */
  function facts(rows) {
    var table = el('table', { 'class': 'facts' });
    rows.forEach(function (r) {
      if (r[1] === null || r[1] === undefined || r[1] === '') { return; }
      table.appendChild(el('tr', {}, [el('th', { text: r[0] }), el('td', { text: String(r[1]) })]));
    });
    return table;
  }

  function list(items, cls) {
    return el('ul', { 'class': cls || '' }, items.map(function (i) { return el('li', { text: i }); }));
  }

  function badge(ok, label) {
    return el('span', { 'class': 'badge ' + (ok ? 'ok' : 'bad'), text: label });
  }

  function chart(card, source, name, config) {
    var canvas = el('canvas', { 'data-chart': name });
    card.appendChild(el('div', { 'class': 'chart' }, [canvas]));
    config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options || {});
    var instance = new window.Chart(canvas, config);
    state.charts.push({ name: name, kind: source.kind, file: source.file, chart: instance, canvas: canvas });
    return instance;
  }

  function recommendation(rec) {
    if (!rec) { return document.createTextNode(''); }
    return el('div', { 'class': 'recommendation' }, [
      el('strong', { text: 'Recommendation: ' }),
      'resources.limits.memory ' + rec.limitsMemory + ', requests.memory ' + rec.requestsMemory
          + (rec.verdict ? ' (' + rec.verdict + ')' : ''),
      el('div', { 'class': 'rule', text: rec.rule || '' })
    ]);
  }

  var RENDER = {
    build: function (card, r) {
      card.appendChild(el('p', {}, [badge(r.status === 'success', r.status), ' ', r.image || '']));
      card.appendChild(facts([['image id', r.imageId], ['context', r.context], ['Dockerfile', r.dockerfile],
        ['generated Dockerfile', r.generatedDockerfile], ['duration', fmtMillis(r.durationMillis)]]));
      var labels = r.labels || {};
      var keys = Object.keys(labels);
      if (keys.length) {
        card.appendChild(el('h4', { text: 'Provenance (image labels)' }));
        card.appendChild(facts(keys.map(function (k) { return [k, labels[k]]; })));
      }
      if ((r.preflight || []).length) {
        card.appendChild(el('h4', { text: 'Preflight' }));
        card.appendChild(list(r.preflight.map(function (p) {
          return p.severity + ' ' + p.rule + ' ' + (p.location || '') + ': ' + p.message;
        })));
      }
    },

    verify: function (card, r, source) {
      var m = r.memory || {};
      card.appendChild(el('p', {}, [badge(r.status === 'passed', r.status), ' ', r.image || '']));
      card.appendChild(facts([['memory limit', fmtBytes(m.limitBytes)], ['peak', fmtBytes(m.peakBytes)],
        ['measured need', m.measuredNeedBytes ? fmtBytes(m.measuredNeedBytes) : null],
        ['recommended limit', m.recommendedLimit], ['ready after', r.readyAfterMillis !== undefined ? fmtMillis(r.readyAfterMillis) : null],
        ['duration', fmtMillis(r.durationMillis)]]));
      var series = m.series || [];
      if (series.length) {
        var usage = series.map(function (s) { return { x: s.atMillis / 1000, y: s.bytes / MIB }; });
        var first = usage[0].x, last = usage[usage.length - 1].x;
        var datasets = [
          { label: 'memory usage (MiB)', data: usage, borderColor: '#1f77b4', backgroundColor: 'rgba(31,119,180,0.15)', fill: true, pointRadius: 2 },
          { label: 'limit ' + fmtBytes(m.limitBytes), data: [{ x: first, y: m.limitBytes / MIB }, { x: last, y: m.limitBytes / MIB }],
            borderColor: '#d62728', borderDash: [6, 4], pointRadius: 0 }
        ];
        if (m.recommendedLimitBytes) {
          datasets.push({ label: 'recommended ' + m.recommendedLimit, data: [{ x: first, y: m.recommendedLimitBytes / MIB },
            { x: last, y: m.recommendedLimitBytes / MIB }], borderColor: '#2ca02c', borderDash: [2, 3], pointRadius: 0 });
        }
        chart(card, source, 'verify-memory', { type: 'line', data: { datasets: datasets }, options: {
          scales: { x: { type: 'linear', title: { display: true, text: 'seconds' } },
                    y: { beginAtZero: true, title: { display: true, text: 'MiB' } } } } });
      } else {
        card.appendChild(el('p', { 'class': 'note', text: 'No memory samples in this report (written by an mlship before the chart existed, or the container never ran).' }));
      }
      if ((r.problems || []).length) {
        card.appendChild(list(r.problems.map(function (p) { return p.kind + ': ' + p.message; }), 'problems'));
      }
      card.appendChild(recommendation(r.recommendation));
      if ((r.samples || []).length) {
        card.appendChild(el('h4', { text: 'Samples' }));
        card.appendChild(list(r.samples.map(function (s) {
          return (s.passed ? 'passed ' : 'FAILED ') + s.name + ' (HTTP ' + s.status + ', ' + s.latencyMillis + ' ms)' + (s.detail ? ': ' + s.detail : '');
        })));
      }
    },

    scan: function (card, r, source) {
      var gate = r.gate || {};
      card.appendChild(el('p', {}, [badge(r.status === 'passed', r.status), ' ', r.image || '']));
      card.appendChild(facts([['fails on', gate.failOn], ['database', r.database], ['duration', fmtMillis(r.durationMillis)]]));
      var bySeverity = (r.summary || {}).vulnerabilitiesBySeverity || {};
      var levels = Object.keys(bySeverity);
      var colors = { critical: '#7b0000', high: '#d62728', medium: '#ff7f0e', low: '#bcbd22', unknown: '#7f7f7f' };
      chart(card, source, 'scan-severity', { type: 'bar', data: { labels: levels, datasets: [{
        label: 'vulnerabilities', data: levels.map(function (l) { return bySeverity[l]; }),
        backgroundColor: levels.map(function (l) { return colors[l] || '#7f7f7f'; }) }] },
        options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
      var vulns = (r.vulnerabilities || []).slice(0, 50);
      if (vulns.length) {
        card.appendChild(list(vulns.map(function (v) {
          return v.severity + ' ' + v.id + ' ' + v.package + ' ' + v.version + (v.fixedVersion ? ' (fixed in ' + v.fixedVersion + ')' : '');
        })));
      }
      if ((r.secrets || []).length) {
        card.appendChild(el('h4', { text: 'Secrets' }));
        card.appendChild(list(r.secrets.map(function (s) { return s.rule + ' ' + s.path + ':' + s.line; }), 'problems'));
      }
    },

    deploy: function (card, r) {
      card.appendChild(el('p', {}, [badge(r.succeeded === true, r.outcome || 'unknown'), ' ', (r.target || '') + ' ' + (r.object || '') + ' ' + (r.image || '')]));
      card.appendChild(facts([['revision', r.revision], ['url', r.url], ['edge', r.edge], ['duration', fmtMillis(r.durationMillis)]]));
      // The timeline: what the deploy did, in order, from the fields the report has.
      var steps = [['rollout', 'started ' + (r.image || '') + (r.revision ? ' as revision ' + r.revision : '')]];
      if (r.failure) { steps.push([r.failureSeenAt || 'failure', 'failed: ' + (r.failure.summary || r.failure.reason)]); }
      if (r.rollback) { steps.push(['rollback', r.rollback]); }
      steps.push(['outcome', (r.outcome || '') + ' after ' + fmtMillis(r.durationMillis)]);
      card.appendChild(el('ol', { 'class': 'timeline' }, steps.map(function (s) {
        return el('li', {}, [el('span', { 'class': 'when', text: s[0] }), ' ', s[1]]);
      })));
      if (r.failure && (r.failure.lastLines || []).length) {
        card.appendChild(el('pre', { 'class': 'log', text: r.failure.lastLines.join('\n') }));
      }
      card.appendChild(recommendation(r.recommendation));
    },

    shadow: function (card, r, source) {
      card.appendChild(el('p', {}, [badge(r.outcome === 'PROMOTED', r.outcome), ' ', r.shadow || '', ' - ', r.reason || '']));
      card.appendChild(facts([['pairs compared', r.pairs], ['agreement', r.agreement], ['live errors', r.liveErrors],
        ['judged', r.judged], ['promotion', r.promotion], ['seconds', r.seconds]]));
      var rows = r.decisions || [];
      [['agreement', 'shadow-agreement', 'agreement'], ['latencyP99Ratio', 'shadow-latency', 'p99 latency ratio (candidate / live)'],
       ['candidateErrorRate', 'shadow-errors', 'candidate error rate']].forEach(function (spec) {
        var metricRows = rows.filter(function (d) { return d.metric === spec[0]; });
        if (!metricRows.length) { return; }
        var points = metricRows.map(function (d) { return { x: d.secondsIn, y: d.value }; });
        var limit = parseFloat(String(metricRows[0].threshold || '').replace(/[^0-9.eE+-]/g, ''));
        var datasets = [{ label: spec[2], data: points, borderColor: '#1f77b4', spanGaps: false,
          pointBackgroundColor: metricRows.map(function (d) { return d.verdict === 'fail' ? '#d62728' : d.verdict === 'pass' ? '#2ca02c' : '#7f7f7f'; }),
          pointRadius: 4 }];
        if (!isNaN(limit)) {
          datasets.push({ label: 'threshold ' + metricRows[0].threshold, borderColor: '#d62728', borderDash: [6, 4], pointRadius: 0,
            data: [{ x: points[0].x, y: limit }, { x: points[points.length - 1].x, y: limit }] });
        }
        card.appendChild(el('h4', { text: spec[2] }));
        chart(card, source, spec[1], { type: 'line', data: { datasets: datasets },
          options: { scales: { x: { type: 'linear', title: { display: true, text: 'seconds into the shadow' } } } } });
      });
      if (rows.length) {
        var table = el('table', { 'class': 'decisions' }, [el('tr', {}, ['s', 'metric', 'value', 'threshold', 'verdict'].map(function (h) { return el('th', { text: h }); }))]);
        rows.forEach(function (d) {
          table.appendChild(el('tr', { 'class': 'verdict-' + d.verdict }, [d.secondsIn, d.metric, d.value === null ? '-' : d.value, d.threshold, d.verdict]
            .map(function (v) { return el('td', { text: String(v) }); })));
        });
        card.appendChild(el('details', {}, [el('summary', { text: rows.length + ' decision rows' }), table]));
      }
    },

    diagnosis: function (card, r) {
      card.appendChild(el('p', {}, [badge(r.verdict === 'HEALTHY', r.verdict), ' ', (r.target || '') + ' ' + (r.name || '') + (r.at ? ' at ' + r.at : '')]));
      card.appendChild(el('p', { text: r.reason || '' }));
      // diagnosis.json's recommendation: requests and limits per resource, the rule behind each, hints.
      var rec = r.recommendation || {};
      var requests = rec.requests || {}, limits = rec.limits || {}, rules = rec.rules || {};
      card.appendChild(el('div', { 'class': 'recommendation' }, [
        el('strong', { text: 'Recommendation: ' }),
        'requests.memory ' + requests.memory + ', limits.memory ' + limits.memory + ', requests.cpu ' + requests.cpu
            + (limits.cpu ? ', limits.cpu ' + limits.cpu : ''),
        el('div', { 'class': 'rule', text: Object.keys(rules).filter(function (k) { return rules[k]; })
            .map(function (k) { return k + ': ' + rules[k]; }).join(' | ') })
      ]));
      if ((rec.hints || []).length) { card.appendChild(list(rec.hints)); }
      if ((r.alsoSeen || []).length) { card.appendChild(facts([['also seen', r.alsoSeen.join(', ')]])); }
      if ((r.evidence || []).length) {
        card.appendChild(el('h4', { text: 'Evidence' }));
        card.appendChild(list(r.evidence.map(function (e) {
          return typeof e === 'string' ? e : e.source + ': ' + e.fact + ' = ' + e.value;
        })));
      }
    }
  };

  function sectionFor(root, kind) {
    var id = 'section-' + kind;
    var section = document.getElementById(id);
    if (!section) {
      section = el('section', { id: id, 'class': 'kind' }, [el('h2', { text: TITLES[kind] || kind })]);
      root.appendChild(section);
      state.sections.push(kind);
    }
    return section;
  }

  function problemCard(section, source, what) {
    var message = source.file + ': ' + what;
    state.problems.push({ kind: source.kind, file: source.file, message: message });
    section.appendChild(el('div', { 'class': 'card problem', 'data-file': source.file }, [el('strong', { text: 'Report not shown. ' }), message]));
  }

  function render(root, source) {
    var section = sectionFor(root, source.kind);
    if (source.missing) {
      problemCard(section, source, 'missing - ' + (source.why || 'the step ran but wrote no such file') + '.');
      return;
    }
    var report;
    try {
      report = JSON.parse(source.text);
    } catch (e) {
      problemCard(section, source, 'malformed JSON (' + e.message + ').');
      return;
    }
    if (report === null || typeof report !== 'object' || Array.isArray(report)) {
      problemCard(section, source, 'malformed: expected a JSON object, found ' + (Array.isArray(report) ? 'an array' : String(report)) + '.');
      return;
    }
    var card = el('div', { 'class': 'card', 'data-file': source.file }, [
      el('h3', {}, [source.href ? el('a', { href: source.href, text: source.file }) : el('span', { text: source.file })])]);
    section.appendChild(card);
    try {
      (RENDER[source.kind] || function (c) { c.appendChild(el('pre', { text: JSON.stringify(report, null, 2) })); })(card, report, source);
    } catch (e) {
      problemCard(section, source, 'could not be shown (' + e.message + ').');
    }
  }

  function load(source) {
    if (source.missing || typeof source.text === 'string' || !source.href) {
      if (!source.missing && typeof source.text !== 'string') { source.missing = true; }
      return Promise.resolve(source);
    }
    return fetch(source.href, { credentials: 'same-origin' }).then(function (response) {
      if (response.status === 404) { source.missing = true; source.why = 'not found at ' + source.href; return source; }
      if (!response.ok) { source.missing = true; source.why = 'HTTP ' + response.status + ' from ' + source.href; return source; }
      return response.text().then(function (text) { source.text = text; return source; });
    }, function (e) { source.missing = true; source.why = 'could not be fetched (' + e.message + ')'; return source; });
  }

  function start() {
    var root = document.getElementById('mlship-report');
    var data = document.getElementById('mlship-reports');
    var base = root.getAttribute('data-base') || '';
    var sources;
    try {
      // The CLI's page embeds the list (with the reports' text) in a script element; Jenkins' puts it in an attribute.
      sources = JSON.parse(data ? data.textContent : (root.getAttribute('data-sources') || '[]'));
      sources.forEach(function (s) { if (s.href && base) { s.href = base + s.href; } });
    } catch (e) {
      root.appendChild(el('div', { 'class': 'card problem', text: 'The page\'s list of reports is malformed: ' + e.message }));
      state.ready = true;
      return;
    }
    if (!window.Chart) {
      root.appendChild(el('div', { 'class': 'card problem', text: 'Chart.js did not load: charts are left out.' }));
      window.Chart = function () { throw new Error('Chart.js is not loaded'); };
    }
    if (!sources.length) { root.appendChild(el('p', { 'class': 'note', text: 'This run wrote no mlship reports.' })); }
    Promise.all(sources.map(load)).then(function (loaded) {
      loaded.sort(function (a, b) { return ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind); });
      loaded.forEach(function (s) { render(root, s); });
      state.ready = true;
    });
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
