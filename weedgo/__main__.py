from weedgo.cli import main

raise SystemExit(main())
