import sys

from app.cli import main
from app.logsetup import install_excepthook

install_excepthook()
sys.exit(main())
