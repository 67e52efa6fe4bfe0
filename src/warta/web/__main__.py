from warta.web.cli import main

raise SystemExit(main())
