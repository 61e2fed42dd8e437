"""Training code: needs the `train` extra (scikit-learn, numpy). Never imported at run time."""
