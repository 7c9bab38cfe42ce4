"""Comments on records of any module that registers the record type as commentable, with
@mentions that notify the people mentioned (when they may read the record)."""
