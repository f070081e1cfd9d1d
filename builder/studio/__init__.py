"""Label Studio: the private server annotators work in, and the builder's link to it."""
