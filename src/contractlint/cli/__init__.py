"""The front end: the click commands, the quick start-up parser and the run of `check`;
the only modules that parse command lines, print and exit."""
