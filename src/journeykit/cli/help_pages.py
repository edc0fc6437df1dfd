# ruff: noqa: E501
"""Every command's `--help` page as data, for `journey COMMAND --help` without typer.

Written by `python -m journeykit.cli.help` from the typer commands; do not edit by hand.
tests/test_cli_startup.py fails when a command's help no longer matches it.
"""

from typing import Any

PAGES: dict[str, dict[str, Any]] = {
    "init": {
        "usage": "journey init [OPTIONS] [PATH]",
        "help": "Set up a repository for journey maps, with a first map to edit.\n\nIt writes a config, a map and its persona library, a pre-commit config, a GitHub workflow\nand .gitattributes, runs git init when needed and sets git's semantic diff driver.\n\nExisting files are never overwritten without --force: when one differs, nothing is written.\nExit 0 when done, 1 when files are in the way, 2 when the folder cannot be written.",
        "arguments": [["PATH", "The folder to set up (created when missing)."]],
        "options": [
            [
                "--template",
                "-t",
                "[shop|saas|service]",
                "The first map: shop (a first online purchase), saas (trial to paid plan) or service (a public service: registering a new address after moving home). [default: shop]",
            ],
            ["--force", "", "", "Overwrite files that exist and differ from the template."],
            ["--no-git", "", "", "Neither run git init nor set the diff driver in git's config."],
            ["--help", "-h", "", "Show this message and exit."],
        ],
        "commands": [],
        "epilog": "[b]Examples[/b]\n\n  journey init\n\n  journey init customer-journeys --template saas\n\n  journey init . --template service --no-git",
        "help_options": ["-h", "--help"],
    },
    "import": {
        "usage": "journey import [OPTIONS] COMMAND [ARGS]...",
        "help": "Create or update maps from Mermaid journey diagrams or CSV sheets.",
        "arguments": [],
        "options": [["--help", "-h", "", "Show this message and exit."]],
        "commands": [
            [
                "Start and exchange",
                [
                    ["mermaid", "Create maps from Mermaid journey diagrams: one map per diagram."],
                    ["csv", "Create a map from a CSV sheet, or update an existing map from one."],
                ],
            ]
        ],
        "epilog": "[b]Examples[/b]\n\n  journey import mermaid README.md -o journeys/\n\n  journey import csv touchpoints.csv --into checkout.journey.yaml",
        "help_options": ["-h", "--help"],
    },
    "import mermaid": {
        "usage": "journey import mermaid [OPTIONS] FILE",
        "help": "Create maps from Mermaid journey diagrams: one map per diagram.\n\nSections become stages, tasks touchpoints, actors personas, scores experiences.\n\nExit 0 when maps were imported, 1 when an output file exists (see --force), 2 when\nnothing could be imported.",
        "arguments": [
            [
                "FILE",
                'A .mmd file, Markdown or HTML with ```mermaid fences or <div class="mermaid"> blocks, or - for stdin. [required]',
            ]
        ],
        "options": [
            [
                "--output",
                "-o",
                "PATH",
                "The map file to write, or a folder (needed when FILE holds several diagrams: one <id>.journey.yaml each); - or none: stdout.",
            ],
            ["--force", "", "", "Overwrite files that exist."],
            ["--id", "", "ID", "The map's id (one diagram only)."],
            ["--title", "", "TITLE", "The map's title (one diagram only)."],
            ["--today", "", "YYYY-MM-DD", "The map's `updated` date, YYYY-MM-DD (default: today)."],
            ["--help", "-h", "", "Show this message and exit."],
        ],
        "commands": [],
        "epilog": "[b]Examples[/b]\n\n  journey import mermaid checkout.mmd -o checkout.journey.yaml\n\n  journey import mermaid README.md -o maps/\n\n  cat diagram.mmd | journey import mermaid - > onboarding.journey.yaml",
        "help_options": ["-h", "--help"],
    },
    "import csv": {
        "usage": "journey import csv [OPTIONS] FILE",
        "help": "Create a map from a CSV sheet, or update an existing map from one.\n\nRows are matched to touchpoints by id: changed cells are set, new ids are added at the end of\ntheir stage, a score cell sets that persona's experience score. Empty cells change nothing;\ntouchpoints missing from the sheet stay (unless --prune). Only the lines that change are\nrewritten.\n\nExit 0 when written (or up to date), 1 when a row is bad or the map invalid (nothing is\nwritten), 2 when it cannot run.",
        "arguments": [["FILE", "The CSV sheet, or - for stdin. [required]"]],
        "options": [
            [
                "--into",
                "-i",
                "MAP",
                "Map to update by touchpoint id; created when missing (default: print a new map). - reads the map from stdin and prints it updated.",
            ],
            ["--id", "", "ID", "Id of a new map (default: from the file name)."],
            ["--title", "", "TITLE", "Title of a new map (default: from its id)."],
            [
                "--delimiter",
                "-d",
                "DELIMITER",
                "Cell separator: , ; or tab (default: guessed from the header).",
            ],
            [
                "--encoding",
                "",
                "ENCODING",
                "Text encoding of the sheet when it has no byte-order mark. [default: utf-8]",
            ],
            ["--prune", "", "", "Also remove the map's touchpoints that the sheet does not list."],
            ["--dry-run", "", "", "Show the change as a diff on stdout; write nothing."],
            [
                "--today",
                "",
                "YYYY-MM-DD",
                "`updated` date of a new map, YYYY-MM-DD (default: today).",
            ],
            [
                "--color",
                "",
                "[auto|always|never]",
                "Colour the output: auto, always, never. [default: auto]",
            ],
            ["--help", "-h", "", "Show this message and exit."],
        ],
        "commands": [],
        "epilog": "[b]Examples[/b]\n\n  journey import csv checkout.csv --into checkout.journey.yaml\n\n  journey import csv checkout.csv --into checkout.journey.yaml --dry-run\n\n  journey import csv sheet.csv --id checkout --title 'Checkout' > checkout.journey.yaml",
        "help_options": ["-h", "--help"],
    },
    "export": {
        "usage": "journey export [OPTIONS] COMMAND [ARGS]...",
        "help": "Write maps in other formats: CSV sheets for spreadsheets.",
        "arguments": [],
        "options": [["--help", "-h", "", "Show this message and exit."]],
        "commands": [
            [
                "Start and exchange",
                [
                    [
                        "csv",
                        "Write a map as a CSV sheet: stage, id, name, channel, owner, kind, score:<persona>…",
                    ]
                ],
            ]
        ],
        "epilog": "[b]Examples[/b]\n\n  journey export csv checkout.journey.yaml -o touchpoints.csv",
        "help_options": ["-h", "--help"],
    },
    "export csv": {
        "usage": "journey export csv [OPTIONS] MAP",
        "help": "Write a map as a CSV sheet: stage, id, name, channel, owner, kind, score:<persona>…\n\nRows follow the journey order. Cells that a spreadsheet would run as a formula (starting with\n= + - @) get a leading ' that `journey import csv` removes again.\n\nExit 0 when written, 1 when the map is invalid or the -o file exists, 2 when it cannot run.",
        "arguments": [["MAP", "The map to export, or - for stdin. [required]"]],
        "options": [
            ["--output", "-o", "PATH", "File to write (default: stdout); kept unless --force."],
            ["--force", "", "", "Overwrite the -o file if it exists."],
            [
                "--delimiter",
                "-d",
                "DELIMITER",
                "Cell separator: , (default) ; or tab. [default: ,]",
            ],
            ["--excel", "", "", "Start with a UTF-8 byte-order mark, so Excel reads the accents."],
            [
                "--color",
                "",
                "[auto|always|never]",
                "Colour the output: auto, always, never. [default: auto]",
            ],
            ["--help", "-h", "", "Show this message and exit."],
        ],
        "commands": [],
        "epilog": "[b]Examples[/b]\n\n  journey export csv checkout.journey.yaml > checkout.csv\n\n  journey export csv checkout.journey.yaml -o checkout.csv --excel\n\n  journey export csv checkout.journey.yaml --delimiter ';' -o checkout.csv --force",
        "help_options": ["-h", "--help"],
    },
    "validate": {
        "usage": "journey validate [OPTIONS] [PATHS]...",
        "help": "Check maps against the format: schema, types, ranges and references.\n\nExit 0 when every map is valid, 1 when a map has errors, 2 when the command cannot run.",
        "arguments": [
            ["PATHS...", "Map files, folders (searched for *.journey.yaml), globs, or - for stdin."]
        ],
        "options": [
            [
                "--format",
                "-f",
                "[stylish|parsable|json|github|sarif]",
                "Output format: stylish, parsable, json, github, sarif (default: stylish; github under GitHub Actions).",
            ],
            [
                "--color",
                "",
                "[auto|always|never]",
                "Colour the output: auto, always, never. [default: auto]",
            ],
            ["--config", "-c", "FILE", "Config file (default: journeykit.yaml found upward)."],
            ["--help", "-h", "", "Show this message and exit."],
        ],
        "commands": [],
        "epilog": "[b]Examples[/b]\n\n  journey validate\n\n  journey validate maps/ --format sarif > journeys.sarif\n\n  cat map.journey.yaml | journey validate -",
        "help_options": ["-h", "--help"],
    },
    "lint": {
        "usage": "journey lint [OPTIONS] [PATHS]...",
        "help": "Validate maps, then report weak spots (`journey rules` lists the rules).\n\nLevels and options come from journeykit.yaml; `# journeykit: disable-line RULE` silences one.\n\nExit 0 when nothing reaches --fail-level, 1 when something does, 2 when lint cannot run.",
        "arguments": [
            ["PATHS...", "Map files, folders (searched for *.journey.yaml), globs, or - for stdin."]
        ],
        "options": [
            [
                "--format",
                "-f",
                "[stylish|parsable|json|github|sarif]",
                "Output format: stylish, parsable, json, github, sarif (default: stylish; github under GitHub Actions).",
            ],
            [
                "--fail-level",
                "",
                "[error|warning|info]",
                "Exit 1 when a finding is at this level or above. [default: error]",
            ],
            [
                "--today",
                "",
                "YYYY-MM-DD",
                "The date rules compare against (default: $JOURNEYKIT_TODAY, else the clock).",
            ],
            [
                "--color",
                "",
                "[auto|always|never]",
                "Colour the output: auto, always, never. [default: auto]",
            ],
            ["--config", "-c", "FILE", "Config file (default: journeykit.yaml found upward)."],
            [
                "--events",
                "",
                "LOG",
                "Also check the maps against an event log (as `journey conform` reads it): touchpoints nobody reached, frequent unplanned moves. Repeat for several logs.",
            ],
            [
                "--engine",
                "",
                "ENGINE",
                "duckdb (default, embedded), pyspark, or an Ibis backend URL.",
            ],
            [
                "--customer-col",
                "",
                "CUSTOMER-COL",
                "Column of customer ids (default: customer_id).",
            ],
            ["--event-col", "", "EVENT-COL", "Column of event names (default: event)."],
            ["--time-col", "", "TIME-COL", "Column of times (default: timestamp)."],
            ["--tz", "", "TZ", "Zone of times written without one (default: UTC)."],
            ["--from", "", "FROM", "Only events from this date or time on."],
            ["--to", "", "TO", "Only events up to this date (inclusive) or time."],
            ["--help", "-h", "", "Show this message and exit."],
        ],
        "commands": [],
        "epilog": "[b]Examples[/b]\n\n  journey lint\n\n  journey lint maps/ --fail-level warning\n\n  journey lint --format github checkout.journey.yaml",
        "help_options": ["-h", "--help"],
    },
    "score": {
        "usage": "journey score [OPTIONS] [PATHS]...",
        "help": "Score maps: completeness, evidence, experience, KPI attainment, and priorities.\n\nExit 0 when all maps meet their minimums, 1 when one is invalid or under, 2 on a usage error.\n\nMinimums: --min-score N for the overall score, score.min in journeykit.yaml per part.",
        "arguments": [
            ["PATHS...", "Map files, folders (searched for *.journey.yaml), globs, or - for stdin."]
        ],
        "options": [
            [
                "--format",
                "-f",
                "[stylish|json|markdown]",
                "Output format: stylish, json, markdown. [default: stylish]",
            ],
            ["--persona", "-p", "PERSONA", "Score one persona's view only."],
            ["--min-score", "", "N", "Exit 1 when a map's overall score is below N."],
            [
                "--today",
                "",
                "YYYY-MM-DD",
                "Date to judge review ages by, YYYY-MM-DD (default: today).",
            ],
            [
                "--color",
                "",
                "[auto|always|never]",
                "Colour the output: auto, always, never. [default: auto]",
            ],
            ["--config", "-c", "FILE", "Config file (default: journeykit.yaml found upward)."],
            ["--help", "-h", "", "Show this message and exit."],
        ],
        "commands": [],
        "epilog": "[b]Examples[/b]\n\n  journey score checkout.journey.yaml\n\n  journey score maps/ --min-score 70 --format json",
        "help_options": ["-h", "--help"],
    },
    "diff": {
        "usage": "journey diff [OPTIONS] [OLD] [NEW]",
        "help": "Compare journey maps by id: personas, stages, touchpoints, scores, pains, actions.\n\nEach change has a dotted path, old and new values and a class (see docs/diff.md).\n\nExit 0 when nothing crosses --fail-on, 1 when something does, 2 when the diff cannot be made.",
        "arguments": [
            ["OLD", "Old side: a map file, a folder, - (stdin) or REF:PATH."],
            ["NEW", "New side: a map file, a folder, - or REF:PATH."],
        ],
        "options": [
            [
                "--git",
                "",
                "",
                "Compare every map changed between two revisions: `--git BASE [HEAD]` (HEAD defaults to the working tree), or a range BASE..HEAD or BASE...HEAD (from their merge base).",
            ],
            [
                "--format",
                "-f",
                "[text|markdown|json]",
                "Output format: text, markdown, json. [default: text]",
            ],
            [
                "--fail-on",
                "",
                "[regression|removal|change|any]",
                "Exit 1 when a change of this class or a more serious one is found: regression, removal (or regression), change (anything but an improvement), any.",
            ],
            ["--textconv", "", "FILE", "Print FILE's canonical line view (git textconv)."],
            [
                "--color",
                "",
                "[auto|always|never]",
                "Colour the output: auto, always, never. [default: auto]",
            ],
            ["--config", "-c", "FILE", "Config file (default: journeykit.yaml found upward)."],
            [
                "--today",
                "",
                "YYYY-MM-DD",
                "Date for the scorecard (YYYY-MM-DD; default $JOURNEYKIT_TODAY, then today).",
            ],
            ["--help", "-h", "", "Show this message and exit."],
        ],
        "commands": [],
        "epilog": "[b]Examples[/b]\n\n  journey diff old.journey.yaml new.journey.yaml\n\n  journey diff --git origin/main --format markdown\n\n  journey diff main:checkout.journey.yaml checkout.journey.yaml --fail-on regression",
        "help_options": ["-h", "--help"],
    },
    "render": {
        "usage": "journey render [OPTIONS] [PATHS]...",
        "help": "Render maps as a self-contained HTML page, a flow diagram (svg, png, pdf, dot) or Mermaid.\n\nExit 0 when everything was written, 1 when a map is invalid (nothing is written), 2 when the\ncommand cannot run (bad arguments, Graphviz missing for svg/png/pdf, unwritable output).",
        "arguments": [
            ["PATHS...", "Map files, folders (searched for *.journey.yaml), globs, or - for stdin."]
        ],
        "options": [
            [
                "--output",
                "-o",
                "PATH",
                "File to write (its suffix picks the format), a folder (one file per map plus index.html), or - for stdout. Default for one map: <map-id>.html here.",
            ],
            [
                "--format",
                "-f",
                "[html|svg|png|pdf|dot|mermaid]",
                "Output format: html, svg, png, pdf, dot, mermaid (default: from -o).",
            ],
            ["--persona", "-p", "PERSONA", "Show one persona's path, scores and pains only."],
            [
                "--today",
                "",
                "YYYY-MM-DD",
                "Date for the HTML scorecard, YYYY-MM-DD (default: today).",
            ],
            [
                "--layout",
                "",
                "[auto|lr|tb|wrap]",
                "The flow's layout (svg, png, pdf, the HTML's flow): lr one strip left to right, tb top to bottom, wrap rows of stages; auto picks the one that fits a 16:9 slide or an A4/A3 page best. [default: auto]",
            ],
            [
                "--view",
                "",
                "[flow|map]",
                "What svg, png and pdf draw: flow (the flow diagram) or map (the whole journey map as a poster for a slide or an A3 page). [default: flow]",
            ],
            [
                "--templates",
                "",
                "DIR",
                "A folder of your own copies of the HTML templates (style.css, _base.html.j2, ...); files it lacks come from journeykit's. Default: render: {templates: DIR} in the config.",
            ],
            [
                "--color",
                "",
                "[auto|always|never]",
                "Colour the output: auto, always, never. [default: auto]",
            ],
            ["--config", "-c", "FILE", "Config file (default: journeykit.yaml found upward)."],
            ["--help", "-h", "", "Show this message and exit."],
        ],
        "commands": [],
        "epilog": "[b]Examples[/b]\n\n  journey render maps/ -o site/\n\n  journey render checkout.journey.yaml --format svg -o checkout.svg\n\n  journey render checkout.journey.yaml --format mermaid --persona first-timer",
        "help_options": ["-h", "--help"],
    },
    "measure": {
        "usage": "journey measure [OPTIONS] MAP EVENTS......",
        "help": "Measure a map on customer event logs: reach, stage funnel, time between stages,\ntransitions and scores per touchpoint.\n\nExit 0 when measured, 1 when the map is invalid, 2 when the measurement cannot run.",
        "arguments": [
            ["MAP", "The journey map. [required]"],
            [
                "EVENTS......",
                "Event logs: CSV (plain or .gz), Parquet or JSON lines files, folders, globs; table names with an --engine URL. [required]",
            ],
        ],
        "options": [
            ["--window", "-w", "WINDOW", "Funnel window from the first stage: 30d, 12h, 90m."],
            [
                "--engine",
                "",
                "ENGINE",
                "duckdb (default, embedded), pyspark, or an Ibis backend URL.",
            ],
            [
                "--customer-col",
                "",
                "CUSTOMER-COL",
                "Column of customer ids (default: customer_id).",
            ],
            ["--event-col", "", "EVENT-COL", "Column of event names (default: event)."],
            ["--time-col", "", "TIME-COL", "Column of times (default: timestamp)."],
            ["--score-col", "", "SCORE-COL", "Column of scores (optional)."],
            ["--by", "", "BY", "Break the funnel down by this column."],
            ["--tz", "", "TZ", "Zone of times written without one (default: UTC)."],
            ["--from", "", "FROM", "Only events from this date or time on."],
            ["--to", "", "TO", "Only events up to this date (inclusive) or time."],
            [
                "--as-of",
                "",
                "AS-OF",
                "Date of the metric values, YYYY-MM-DD [default: the last event's].",
            ],
            [
                "--format",
                "-f",
                "FORMAT",
                "Output format: stylish, json, markdown, html. [default: stylish]",
            ],
            [
                "--dropoffs",
                "",
                "DROPOFFS",
                "Write the customers who left the funnel, with the stage they left at, to this CSV.",
            ],
            [
                "--write",
                "",
                "",
                "Record each metric with a `measure:` spec in the map as a dated measurement (only the added lines change).",
            ],
            [
                "--color",
                "",
                "[auto|always|never]",
                "Colour the output: auto, always, never. [default: auto]",
            ],
            ["--config", "-c", "FILE", "Config file (default: journeykit.yaml found upward)."],
            ["--help", "-h", "", "Show this message and exit."],
        ],
        "commands": [],
        "epilog": "[b]Examples[/b]\n\n  journey measure trial.journey.yaml events.parquet --window 30d\n\n  journey measure trial.journey.yaml 'exports/*.csv.gz' --by variant --format json\n\n  journey measure trial.journey.yaml s3-export/ --engine pyspark",
        "help_options": ["-h", "--help"],
    },
    "conform": {
        "usage": "journey conform [OPTIONS] MAP EVENTS......",
        "help": "Compare the map's planned flow with customers' actual journeys: fitness, the most common\npaths, skipped steps, unplanned moves and planned moves nobody takes.\n\nExit 0 when measured, 1 below --fail-under or for an invalid map, 2 when it cannot run.",
        "arguments": [
            ["MAP", "The journey map. [required]"],
            [
                "EVENTS......",
                "Event logs: CSV (plain or .gz), Parquet or JSON lines files, folders, globs; table names with an --engine URL. [required]",
            ],
        ],
        "options": [
            [
                "--keep-repeats",
                "",
                "",
                "Count consecutive repeats of one touchpoint in a trace (by default they count once).",
            ],
            [
                "--variants",
                "",
                "N",
                "Align the N most common variants (distinct traces); the customers of rarer ones are reported as left out. [default: 10000]",
            ],
            ["--fail-under", "", "N", "Exit 1 when fitness is below this (0 to 1), for CI."],
            [
                "--engine",
                "",
                "ENGINE",
                "duckdb (default, embedded), pyspark, or an Ibis backend URL.",
            ],
            [
                "--customer-col",
                "",
                "CUSTOMER-COL",
                "Column of customer ids (default: customer_id).",
            ],
            ["--event-col", "", "EVENT-COL", "Column of event names (default: event)."],
            ["--time-col", "", "TIME-COL", "Column of times (default: timestamp)."],
            ["--tz", "", "TZ", "Zone of times written without one (default: UTC)."],
            ["--from", "", "FROM", "Only events from this date or time on."],
            ["--to", "", "TO", "Only events up to this date (inclusive) or time."],
            [
                "--format",
                "-f",
                "FORMAT",
                "Output format: stylish, json, markdown, html. [default: stylish]",
            ],
            [
                "--color",
                "",
                "[auto|always|never]",
                "Colour the output: auto, always, never. [default: auto]",
            ],
            ["--config", "-c", "FILE", "Config file (default: journeykit.yaml found upward)."],
            ["--help", "-h", "", "Show this message and exit."],
        ],
        "commands": [],
        "epilog": "[b]Examples[/b]\n\n  journey conform trial.journey.yaml events.parquet\n\n  journey conform trial.journey.yaml 'exports/*.csv.gz' --fail-under 0.8\n\n  journey conform trial.journey.yaml events.parquet --format html > conform.html",
        "help_options": ["-h", "--help"],
    },
    "rules": {
        "usage": "journey rules [OPTIONS] [RULE]",
        "help": "List the lint rules (id, default level, summary), or document one rule.\n\nSet levels and options in journeykit.yaml under `rules:`; see `journey rules RULE`.",
        "arguments": [["RULE", "A rule id: print its documentation."]],
        "options": [
            [
                "--format",
                "-f",
                "[text|markdown|json]",
                "text, markdown (for docs) or json. [default: text]",
            ],
            ["--help", "-h", "", "Show this message and exit."],
        ],
        "commands": [],
        "epilog": "[b]Examples[/b]\n\n  journey rules\n\n  journey rules unaddressed-pain-point",
        "help_options": ["-h", "--help"],
    },
    "schema": {
        "usage": "journey schema [OPTIONS]",
        "help": "Print the JSON Schema (draft 2020-12) of a journey map file.",
        "arguments": [],
        "options": [["--help", "-h", "", "Show this message and exit."]],
        "commands": [],
        "epilog": "[b]Examples[/b]\n\n  journey schema > journey-map.schema.json",
        "help_options": ["-h", "--help"],
    },
    "git-diff-driver": {
        "usage": "journey git-diff-driver [OPTIONS] [PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE]...",
        "help": 'The external diff command git runs for journey maps (git\'s seven-argument protocol).\n\nSet it up with `*.journey.yaml diff=journey` in .gitattributes and `git config\ndiff.journey.command "journey git-diff-driver"`; see docs/diff.md.\n\nExits 0 once the diff is printed, as git stops at a failing external diff.',
        "arguments": [
            [
                "PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE...",
                "The seven arguments git passes to diff.<driver>.command.",
            ]
        ],
        "options": [
            [
                "--color",
                "",
                "[auto|always|never]",
                "Colour the output: auto, always, never. [default: auto]",
            ],
            ["--help", "", "", "Show this message and exit."],
        ],
        "commands": [],
        "epilog": "[b]Examples[/b]\n\n  git config diff.journey.command \"journey git-diff-driver\"\n\n  echo '*.journey.yaml diff=journey' >> .gitattributes",
        "help_options": ["--help"],
    },
    "fmt": {
        "usage": "journey fmt [OPTIONS] [PATHS]...",
        "help": "Lay maps out canonically: key order, indentation, list style; comments stay.\n\nExit 0 when done (or, with --check/--diff, nothing would change), 1 when --check or --diff\nfound a file to change, 2 when a file cannot be read or parsed (it is left alone).",
        "arguments": [
            [
                "PATHS...",
                "Map files, folders (searched for *.journey.yaml; the files they include come along), globs, or - for stdin (the result goes to stdout).",
            ]
        ],
        "options": [
            ["--check", "", "", "Change nothing; exit 1 and list the files that would change."],
            ["--diff", "", "", "Change nothing; print a unified diff of what would change."],
            ["--config", "-c", "FILE", "Config file (default: journeykit.yaml found upward)."],
            ["--help", "-h", "", "Show this message and exit."],
        ],
        "commands": [],
        "epilog": "[b]Examples[/b]\n\n  journey fmt\n\n  journey fmt --check maps/\n\n  journey fmt --diff checkout.journey.yaml\n\n  cat map.journey.yaml | journey fmt - > tidy.journey.yaml",
        "help_options": ["-h", "--help"],
    },
    "lsp": {
        "usage": "journey lsp [OPTIONS]",
        "help": "Run the journey map language server on stdin/stdout.\n\nDiagnostics (validate and lint) as you type, go to definition, find references and rename\nof ids across included files, completion of ids and values, hover, quick fixes, an outline\nand formatting. Settings come from journeykit.yaml, as for `journey lint`.",
        "arguments": [],
        "options": [
            ["--stdio", "", "", "Speak LSP on stdin/stdout (the default; editors may pass it)."],
            ["--help", "-h", "", "Show this message and exit."],
        ],
        "commands": [],
        "epilog": "[b]Examples[/b]\n\n  journey lsp\n\n  journey lsp --stdio",
        "help_options": ["-h", "--help"],
    },
}
