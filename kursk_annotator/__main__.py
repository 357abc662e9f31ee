from kursk_annotator.cli import main

raise SystemExit(main())
