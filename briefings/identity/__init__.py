"""Identity: which actor a name or a role phrase denotes, across articles; pure rules over plain records."""
