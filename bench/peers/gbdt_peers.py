"""Peers for `npm run bench -- fit`: XGBoost `hist` and scikit-learn HistGradientBoosting on
the same split and settings as our GBDT. Prints one JSON object on stdout.

Usage: gbdt_peers.py --csv FILE --target COL --test-rows FILE --task TASK [--threads 2] [--repeat 3]
       gbdt_peers.py --bin PREFIX --task TASK   (synthetic: PREFIX.x.f32 [n, f], PREFIX.y.f64, PREFIX.test.i32)

Categorical columns are ordinal codes: XGBoost uses them natively (enable_categorical),
HistGradientBoosting through categorical_features. Classes are the sorted labels, as in the app.
Each model is fitted --repeat times (a fresh model each time); fit_seconds is the median, and
fit_seconds_all lists every time (this machine's timings vary by a third from run to run).
"""
import argparse, json, os, sys, time

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--csv'); ap.add_argument('--target'); ap.add_argument('--test-rows'); ap.add_argument('--bin')
    ap.add_argument('--task', required=True); ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--iterations', type=int, default=200); ap.add_argument('--leaves', type=int, default=31)
    ap.add_argument('--learning-rate', type=float, default=0.1); ap.add_argument('--bins', type=int, default=255)
    ap.add_argument('--repeat', type=int, default=3)
    a = ap.parse_args()
    os.environ.setdefault('OMP_NUM_THREADS', str(a.threads))
    import numpy as np
    out = {}
    try:
        import pandas as pd
    except Exception as e:
        print(json.dumps({'error': f'pandas not importable: {e}'})); return
    if a.bin:
        x = np.fromfile(a.bin + '.x.f32', dtype=np.float32); y = np.fromfile(a.bin + '.y.f64', dtype=np.float64)
        test = np.fromfile(a.bin + '.test.i32', dtype=np.int32)
        X = pd.DataFrame(x.reshape(len(y), -1)); cat_mask = [False] * X.shape[1]
    else:
        df = pd.read_csv(a.csv, keep_default_na=True, na_values=['NA', ''])
        t = df.pop(a.target)
        keep = t.notna().values
        df, t = df[keep].reset_index(drop=True), t[keep].reset_index(drop=True)
        rows = np.flatnonzero(keep)
        test_set = set(int(v) for v in open(a.test_rows).read().split())
        test = np.array([i for i, r in enumerate(rows) if int(r) in test_set], dtype=np.int64)
        if a.task == 'regression':
            y = t.astype(float).values
        else:
            labels = sorted(t.unique(), key=lambda v: (float(v) if not isinstance(v, str) else 0, str(v))) if t.dtype != object else sorted(t.astype(str).unique())
            index = {l: i for i, l in enumerate(labels)}
            y = np.array([index[v if t.dtype != object else str(v)] for v in t], dtype=np.int64)
        cat_mask = []
        for c in df.columns:
            is_cat = df[c].dtype == object
            if is_cat:
                df[c] = df[c].astype('category')
            cat_mask.append(is_cat)
        X = df
    mask = np.zeros(len(y), bool); mask[test] = True
    Xtr, Xte, ytr, yte = X[~mask], X[mask], y[~mask], y[mask]

    from sklearn.metrics import roc_auc_score, log_loss, accuracy_score, mean_squared_error
    def score(p):
        if a.task == 'binary': return {'roc_auc': float(roc_auc_score(yte, p[:, 1]))}
        if a.task == 'multiclass': return {'log_loss': float(log_loss(yte, p, labels=list(range(p.shape[1])))), 'accuracy': float(accuracy_score(yte, p.argmax(1)))}
        return {'rmse': float(np.sqrt(mean_squared_error(yte, p)))}
    def fit_repeated(make, X, y):
        times = []
        for _ in range(max(1, a.repeat)):
            m = make()
            s = time.perf_counter(); m.fit(X, y); times.append(time.perf_counter() - s)
        return m, {'fit_seconds': sorted(times)[len(times) // 2], 'fit_seconds_all': times}
    def timing(predict, Xs):
        one = Xs.iloc[[0]]
        for _ in range(10): predict(one)
        ts = []
        for _ in range(200):
            s = time.perf_counter(); predict(one); ts.append((time.perf_counter() - s) * 1000)
        ts.sort()
        s = time.perf_counter(); p = predict(Xs); batch = time.perf_counter() - s
        return p, {'latency_ms_p50': ts[len(ts) // 2], 'latency_ms_p99': ts[int(len(ts) * 0.99) - 1], 'rows_per_second': len(Xs) / batch}

    try:
        import xgboost as xgb
        Model = xgb.XGBRegressor if a.task == 'regression' else xgb.XGBClassifier
        m, fit = fit_repeated(lambda: Model(n_estimators=a.iterations, max_leaves=a.leaves, grow_policy='lossguide', max_depth=0, learning_rate=a.learning_rate,
                  tree_method='hist', max_bin=a.bins, n_jobs=a.threads, enable_categorical=True, max_cat_to_onehot=1), Xtr, ytr)
        predict = m.predict if a.task == 'regression' else m.predict_proba
        p, t = timing(predict, Xte)
        out['xgboost'] = {'version': xgb.__version__, **fit, 'score': score(p), **t}
    except ImportError as e:
        out['xgboost'] = {'skipped': f'xgboost not importable: {e}'}
    try:
        import sklearn
        from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
        Model = HistGradientBoostingRegressor if a.task == 'regression' else HistGradientBoostingClassifier
        Xtr2, Xte2 = Xtr.copy(), Xte.copy()
        for c, is_cat in zip(X.columns, cat_mask):
            if is_cat:
                Xtr2[c] = Xtr2[c].cat.codes.replace(-1, np.nan).astype(float); Xte2[c] = Xte2[c].cat.codes.replace(-1, np.nan).astype(float)
        m, fit = fit_repeated(lambda: Model(max_iter=a.iterations, max_leaf_nodes=a.leaves, learning_rate=a.learning_rate, max_bins=a.bins, early_stopping=False,
                  categorical_features=cat_mask if any(cat_mask) else None, l2_regularization=1.0, min_samples_leaf=1), Xtr2, ytr)
        predict = m.predict if a.task == 'regression' else m.predict_proba
        p, t = timing(predict, Xte2)
        out['sklearn_hgb'] = {'version': sklearn.__version__, **fit, 'score': score(p), **t}
    except ImportError as e:
        out['sklearn_hgb'] = {'skipped': f'scikit-learn not importable: {e}'}
    print(json.dumps(out))

if __name__ == '__main__':
    main()
