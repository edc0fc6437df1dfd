from journeykit.cli import main

raise SystemExit(main())
