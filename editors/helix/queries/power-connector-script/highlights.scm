; inherits: c-sharp
