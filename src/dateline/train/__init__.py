"""Train the learned components (``make train``, ``python -m dateline.train``).

Each trainer reads the training parts of the gold data, fits a scikit-learn model with a fixed
seed, writes its coefficients to ``dateline/resources/models/`` and returns the figures it
reached on the held-out parts, which ``make train`` writes into docs/quality.md. Training needs
``pip install 'dateline[train]'``; running the models does not.
"""
