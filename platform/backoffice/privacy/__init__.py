"""Personal data of one person: the export a person may ask for, and anonymisation (UU PDP)."""
