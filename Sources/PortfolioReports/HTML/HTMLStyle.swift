/// The inline style sheet of HTML reports: system fonts only, no external resources.
enum HTMLStyle {
    static let css = """
    :root {
      --ink: #1c2733; --muted: #5d6b7a; --line: #dde3ea; --page: #f4f6f9; --card: #ffffff;
      --counted: #1f5fa8; --rest: #a8c0dd; --pipeline: #9fc9b4; --track: #eef1f5;
      --total: #7d8fa5; --target: #d4781f;
    }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body {
      margin: 0; background: var(--page); color: var(--ink);
      font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
        "Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif;
    }
    main { max-width: 1080px; margin: 0 auto; padding: 32px 24px 40px; }
    header.page { margin-bottom: 20px; }
    header.page h1 { font-size: 28px; line-height: 1.2; margin: 0 0 6px; letter-spacing: -0.01em; }
    .meta { color: var(--muted); margin: 0; }
    .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 16px; margin: 0 0 24px; }
    .kpi { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 18px; }
    .kpi .label { color: var(--muted); font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.05em; }
    .kpi .value { font-size: 26px; font-weight: 650; margin-top: 2px; font-variant-numeric: tabular-nums; }
    .kpi .unit { font-size: 14px; font-weight: 500; color: var(--muted); margin-left: 4px; }
    .kpi .sub { color: var(--muted); font-size: 13px; }
    .kpi.accent { border-top: 4px solid var(--counted); }
    section.card {
      background: var(--card); border: 1px solid var(--line); border-radius: 10px;
      padding: 20px 24px 12px; margin: 0 0 24px;
    }
    section.card h2 { font-size: 19px; margin: 0 0 4px; }
    .lede { color: var(--muted); margin: 0 0 12px; font-size: 14px; }
    figure { margin: 8px 0 0; }
    svg.chart { display: block; width: 100%; height: auto; }
    svg text { font-family: inherit; font-size: 13px; fill: var(--ink); }
    svg .label { font-size: 13.5px; }
    svg .figure { font-variant-numeric: tabular-nums; font-weight: 600; }
    svg .share, svg .axis { fill: var(--muted); font-weight: 400; }
    svg .axis { font-size: 12px; font-variant-numeric: tabular-nums; }
    svg .track { fill: var(--track); }
    svg .bar-counted { fill: var(--counted); }
    svg .bar-rest { fill: var(--rest); }
    svg .bar-pipeline { fill: var(--pipeline); }
    svg .bar-label { font-weight: 600; font-size: 14px; }
    svg .bar-label.inverse { fill: #ffffff; }
    svg .target-line { stroke: var(--target); stroke-width: 3; }
    svg .target-label { fill: var(--target); font-weight: 600; font-size: 12.5px; }
    svg .grid { stroke: var(--line); stroke-width: 1; }
    svg polyline { fill: none; stroke-width: 2.5; stroke-linejoin: round; stroke-linecap: round; }
    svg .line-counted { stroke: var(--counted); }
    svg .line-total { stroke: var(--total); }
    svg .line-target { stroke: var(--target); stroke-width: 2; stroke-dasharray: 6 5; fill: none; }
    svg .dot-counted { fill: var(--counted); stroke: #ffffff; stroke-width: 1.5; }
    svg .dot-total { fill: var(--total); stroke: #ffffff; stroke-width: 1.5; }
    .legend { display: flex; flex-wrap: wrap; gap: 6px 20px; list-style: none; padding: 0; margin: 10px 0 0;
      color: var(--muted); font-size: 13px; }
    .legend li { display: flex; align-items: center; gap: 7px; }
    .swatch { display: inline-block; width: 14px; height: 10px; border-radius: 2px; }
    .swatch.counted { background: var(--counted); }
    .swatch.rest { background: var(--rest); }
    .swatch.pipeline { background: var(--pipeline); }
    .swatch.counted-line { background: var(--counted); height: 3px; }
    .swatch.total { background: var(--total); height: 3px; }
    .swatch.target { background: var(--target); width: 4px; height: 14px; }
    .swatch.target-dash { height: 0; border-top: 2px dashed var(--target); border-radius: 0; }
    .empty { color: var(--muted); font-style: italic; margin: 8px 0 12px; }
    .table-wrap { overflow-x: auto; margin: 18px 0 8px; }
    table { width: 100%; border-collapse: collapse; margin: 0; font-size: 14px; font-variant-numeric: tabular-nums; }
    caption { text-align: left; color: var(--muted); font-size: 12.5px; padding-bottom: 6px; }
    th, td { padding: 7px 9px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    thead th { color: var(--muted); font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em;
      border-bottom: 2px solid var(--line); }
    tbody tr:nth-child(even) { background: #fafbfd; }
    .num { text-align: right; white-space: nowrap; }
    .nowrap { white-space: nowrap; }
    tfoot td { font-weight: 650; border-top: 2px solid var(--ink); border-bottom: none; }
    footer.page { color: var(--muted); font-size: 12.5px; margin-top: 8px; }
    @media (max-width: 760px) { .kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); } main { padding: 20px 12px; } }
    @media print {
      body { background: #ffffff; }
      main { max-width: none; padding: 0; }
      section.card, .kpi { break-inside: avoid; border-color: #c8d0da; }
    }
    """
}
