import sys

from generator.serve import main

sys.exit(main())
