"""`python -m herstelcheck` works the same as `herstelcheck`."""

from herstelcheck.cli import main

if __name__ == "__main__":
    main()
