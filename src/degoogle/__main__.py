from degoogle.cli import main

raise SystemExit(main())
