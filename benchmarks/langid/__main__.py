from benchmarks.langid.run import main

raise SystemExit(main())
