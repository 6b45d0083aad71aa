/// The HTML report's style sheet: the palette, the dashboard's layout, phone widths, print.
///
/// Colours are SVG fills (classes `c-…`), so charts print as seen; the palette keeps green
/// for done, blue for under way, amber and red-brown for behind and stalled, purple for
/// waived and grey for what has not begun, each also said in words beside it.
extension ReportHTML {
    static let css = """
        :root{--ink:#1d2328;--muted:#5f6b76;--line:#dde2e7;--panel:#f5f7f9;--accent:#1f5f99}
        *{box-sizing:border-box}
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0 auto;\
        padding:1.5rem 2rem 3rem;max-width:78rem}
        h1{font-size:1.6rem;margin:0 0 .2rem}
        h2{font-size:1.2rem;margin:2.2rem 0 .3rem;padding-bottom:.2rem;border-bottom:2px solid var(--line)}
        h3{font-size:1.05rem;margin:1.6rem 0 .1rem}
        h3 small{font-weight:400;color:var(--muted);margin-left:.5rem;font-size:.85rem}
        p{margin:.2rem 0 .6rem}
        .muted,small{color:var(--muted)}
        small{font-size:.8rem}
        .notices{background:#fff6e5;border-left:4px solid #c98a12;padding:.5rem 1rem .5rem 2rem;margin:1rem 0}
        .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(8.5rem,1fr));gap:.6rem;margin:1rem 0 .6rem}
        .tile{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem}
        .tile strong{display:block;font-size:1.7rem;line-height:1.2;font-variant-numeric:tabular-nums}
        .tile span{color:var(--muted)}
        .summary svg.bar{height:12px;max-width:none}
        svg.bar{display:block;width:100%;max-width:28rem;height:16px;margin:.15rem 0}
        svg.swatch{display:inline-block;width:.75rem;height:.75rem;margin-right:.35rem;vertical-align:-1px;\
        border-radius:2px}
        .legend{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;padding:0;margin:.4rem 0 .8rem;\
        font-size:.85rem;color:var(--muted)}
        table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}
        th,td{padding:.35rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);font-weight:600}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        tr.attention td:first-child{box-shadow:inset 3px 0 #c98a12}
        .stops{max-width:48rem}
        .tag{display:inline-block;font-size:.7rem;border:1px solid var(--line);border-radius:3px;padding:0 .3rem;\
        margin-left:.4rem;color:var(--muted);vertical-align:1px}
        .tag.slow{border-color:#c98a12;color:#8a5a00}
        .pos,.tag{text-indent:0}
        .pos{display:inline-block;min-width:1.6rem;color:var(--muted);font-variant-numeric:tabular-nums}
        .funnel td{vertical-align:middle}
        .funnel td.step{width:32%;padding-left:2.2rem;text-indent:-1.6rem}
        .funnel td.learners{width:28%}
        .funnel td.time{width:40%}
        .chart div{display:grid;grid-template-columns:minmax(5rem,1fr) 7.5rem;align-items:center;gap:.6rem}
        .time div{grid-template-columns:minmax(5rem,1fr) 14rem}
        .chart svg.bar{max-width:none;margin:0}
        .fig{font-size:.8rem;color:var(--muted);font-variant-numeric:tabular-nums}
        .dims td{vertical-align:middle}
        .dims td.chart{width:50%}
        .dims .chart div{grid-template-columns:minmax(5rem,1fr) 10rem}
        .unit{display:none}
        .scroll{overflow-x:auto;margin:.4rem 0 1rem}
        .sorter{position:absolute;opacity:0;width:1px;height:1px;pointer-events:none}
        .people{display:grid;margin:0;min-width:100%}
        .people thead,.people tbody{display:contents}
        .people tr{display:grid;grid-column:1/-1;grid-template-columns:subgrid}
        .people thead tr{order:-999999}
        .people td,.people th{white-space:nowrap;background:#fff}
        .people td:first-child,.people th:first-child{position:sticky;left:0;z-index:1;font-weight:600}
        .people td small{display:block}
        .people svg.bar{width:6rem;height:10px}
        .people label{cursor:pointer;text-decoration:underline dotted;text-underline-offset:3px}
        .people th .d{display:none}
        .state{white-space:nowrap}
        .c-track{fill:#eef1f4}.c-done{fill:#1b7f4b}.c-way{fill:#3b82c4}.c-late{fill:#d08c1a}.c-stall{fill:#a4452c}
        .c-idle{fill:#a9b2bb}.c-reached{fill:#a9cbe8}.c-waived{fill:#8e6cc2}.c-estimate{fill:#b9c1c9}
        .c-median{fill:#3b82c4}.c-slow{fill:#d08c1a}.c-p80{fill:#1f3b57}.c-before{fill:#a9b2bb}.c-after{fill:#1f6fb0}
        @media (max-width:60rem),print{
        .funnel td.step{width:30%}
        .funnel td.learners{width:25%}
        .funnel td.time{width:45%}
        .chart div{grid-template-columns:minmax(3rem,1fr) 4.5rem;gap:.4rem}
        .time div{grid-template-columns:minmax(3rem,1fr) 12.5rem}
        .fig{font-size:.72rem}
        }
        @media (max-width:40rem){
        body{padding:1rem .75rem 2rem;font-size:14px}
        .tiles{grid-template-columns:repeat(3,1fr);gap:.4rem}
        .tile{padding:.4rem .5rem;font-size:.85rem}
        .tile strong{font-size:1.35rem}
        th,td{padding:.3rem .35rem}
        th{font-size:.7rem}
        .funnel thead{display:none}
        .funnel tr{display:block;border-bottom:1px solid var(--line);padding:.4rem 0}
        .funnel td{display:block;border:0;padding:.1rem 0;width:auto!important}
        .funnel td.step{font-weight:600}
        .chart div{grid-template-columns:minmax(4rem,1fr) 6rem;gap:.4rem}
        .dims .chart div{grid-template-columns:minmax(4rem,1fr) 9.5rem}
        .dims thead{display:none}
        .dims tr{display:grid;grid-template-columns:1fr auto;border-bottom:1px solid var(--line);padding:.3rem 0}
        .dims td{border:0;padding:.1rem .2rem}
        .dims td:first-child{grid-column:1/-1;font-weight:600}
        .unit{display:inline}
        .time div{grid-template-columns:minmax(4rem,1fr) 12.5rem}
        .fig{font-size:.75rem}
        .dims td.chart{width:auto}
        }
        @media print{
        @page{margin:1.4cm}
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        body{font-size:10pt;padding:0;max-width:none}
        h2{break-after:avoid;margin-top:1.2rem}
        h3{break-after:avoid}
        tr,.tile,.legend{break-inside:avoid}
        .scroll{overflow:visible}
        .people td:first-child,.people th:first-child{position:static}
        .people td,.people th{white-space:normal;padding:.2rem .3rem}
        .people svg.bar{width:3.5rem}
        .people label{text-decoration:none}
        .people th .a::after,.people th .d::after{content:none!important}
        }

        """
}
