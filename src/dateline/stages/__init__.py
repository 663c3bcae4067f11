"""Pure stages: each turns a Doc into a new Doc and does no I/O."""
