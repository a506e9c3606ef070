"""Peers for `npm run bench -- automl`: scikit-learn's default HistGradientBoosting and, with
--optuna SECONDS, Optuna TPE over XGBoost (7 hyperparameters, 3-fold CV on the training rows),
then a refit — the protocol of ../shared/datasets/README.md. Prints one JSON object.

Usage: automl_peers.py --train FILE --test FILE --target COL --task TASK [--optuna SECONDS]
"""
import argparse, json, time
import numpy as np
import pandas as pd

def load(a):
    tr = pd.read_csv(a.train, na_values=['NA', '']); te = pd.read_csv(a.test, na_values=['NA', ''])
    tr = tr[tr[a.target].notna()]; te = te[te[a.target].notna()]
    ytr, yte = tr.pop(a.target), te.pop(a.target)
    if a.task != 'regression':
        labels = sorted(pd.concat([ytr, yte]).astype(str).unique())
        idx = {l: i for i, l in enumerate(labels)}
        ytr = ytr.astype(str).map(idx).values; yte = yte.astype(str).map(idx).values
    else:
        ytr, yte = ytr.astype(float).values, yte.astype(float).values
    for c in tr.columns:
        if tr[c].dtype == object or te[c].dtype == object:
            cats = pd.Categorical(pd.concat([tr[c], te[c]]).astype(str)).categories
            tr[c] = pd.Categorical(tr[c].astype(str), categories=cats); te[c] = pd.Categorical(te[c].astype(str), categories=cats)
    return tr, te, ytr, yte

def score(task, y, p):
    from sklearn.metrics import roc_auc_score, log_loss, accuracy_score, mean_squared_error
    if task == 'binary': return {'roc_auc': float(roc_auc_score(y, p[:, 1]))}
    if task == 'multiclass': return {'log_loss': float(log_loss(y, p, labels=list(range(p.shape[1])))), 'accuracy': float(accuracy_score(y, p.argmax(1)))}
    return {'rmse': float(np.sqrt(mean_squared_error(y, p)))}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--train'); ap.add_argument('--test'); ap.add_argument('--target'); ap.add_argument('--task')
    ap.add_argument('--optuna', type=float, default=0)
    a = ap.parse_args()
    tr, te, ytr, yte = load(a)
    out = {}
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    cat = [str(tr[c].dtype) == 'category' for c in tr.columns]
    def codes(df):
        d = df.copy()
        for c in d.columns:
            if str(d[c].dtype) == 'category': d[c] = d[c].cat.codes.replace(-1, np.nan)
        return d
    t = time.time()
    m = (HistGradientBoostingRegressor if a.task == 'regression' else HistGradientBoostingClassifier)(categorical_features=cat if any(cat) else None, random_state=0)
    m.fit(codes(tr), ytr)
    p = m.predict(codes(te)) if a.task == 'regression' else m.predict_proba(codes(te))
    out['histgb'] = {'seconds': time.time() - t, **score(a.task, yte, p)}
    if a.optuna > 0:
        try:
            import optuna, xgboost as xgb
            from sklearn.model_selection import cross_val_score
            optuna.logging.set_verbosity(optuna.logging.WARNING)
            Model = xgb.XGBRegressor if a.task == 'regression' else xgb.XGBClassifier
            scoring = {'binary': 'roc_auc', 'multiclass': 'neg_log_loss', 'regression': 'neg_root_mean_squared_error'}[a.task]
            def params(trial):
                return dict(n_estimators=trial.suggest_int('n_estimators', 50, 600), max_depth=trial.suggest_int('max_depth', 2, 10),
                            learning_rate=trial.suggest_float('learning_rate', 0.01, 0.3, log=True), subsample=trial.suggest_float('subsample', 0.5, 1.0),
                            colsample_bytree=trial.suggest_float('colsample_bytree', 0.5, 1.0), min_child_weight=trial.suggest_float('min_child_weight', 1, 20, log=True),
                            reg_lambda=trial.suggest_float('reg_lambda', 1e-3, 10, log=True))
            common = dict(tree_method='hist', enable_categorical=True, n_jobs=2, random_state=0)
            t = time.time()
            study = optuna.create_study(direction='maximize', sampler=optuna.samplers.TPESampler(seed=0))
            study.optimize(lambda tr_: cross_val_score(Model(**params(tr_), **common), tr, ytr, cv=3, scoring=scoring).mean(), timeout=a.optuna)
            best = Model(**study.best_params, **common).fit(tr, ytr)
            p = best.predict(te) if a.task == 'regression' else best.predict_proba(te)
            out['optuna_xgboost'] = {'seconds': time.time() - t, 'trials': len(study.trials), **score(a.task, yte, p)}
        except Exception as e:
            out['optuna_xgboost'] = {'error': str(e)}
    print(json.dumps(out))

main()
