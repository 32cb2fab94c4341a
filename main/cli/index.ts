/** Entry point of the `gridkeeper` command line. */
export {}
