"""Clinical scores: pure functions of the case (or derived facts), each returning its
value with the inputs it used."""
