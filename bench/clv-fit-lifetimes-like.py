#!/usr/bin/env python3
"""Like-for-like timing of the Python reference procedure on the bench/clv-fit population.

    bench/clv-fit --write /tmp/clv-population.csv
    /usr/bin/python3 bench/clv-fit-lifetimes-like.py /tmp/clv-population.csv

The library `lifetimes` is not installable here (its registry is not reachable), so this repeats
what lifetimes 0.11.3 does (shared/data/cdnow/reference.md section 6) with numpy/scipy (Debian's
python3-scipy): BG/NBD with time rescaled so max T = 1, the mean negative log-likelihood over
log-parameters starting at 0.1, scipy's BFGS (tol 1e-7) with the gradient, one row per customer;
Gamma-Gamma likewise on the repeat buyers. Two differences make it FASTER than lifetimes, so its
time is a lower bound: the gradient is hand-written numpy (lifetimes traces it with autograd), and
the Hessian lifetimes computes afterwards for the standard errors is skipped.
"""
import sys, time
import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln, psi

data = np.loadtxt(sys.argv[1], delimiter=',', skiprows=1)
x, tx, T, zbar = data[:, 0], data[:, 1], data[:, 2], data[:, 3]
print(f"{len(x):,} customers, {(x > 0).sum():,} repeat buyers")

def bgnbd(theta, x, tx, T):
    r, alpha, a, b = np.exp(theta)
    n = len(x)
    A1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    A2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    lT, ltx = np.log(alpha + T), np.log(alpha + tx)
    A3 = -(r + x) * lT
    pos = x > 0
    A4 = np.where(pos, np.log(a) - np.log(np.where(pos, b + x - 1, 1)) - (r + x) * ltx, -np.inf)
    m = np.maximum(A3, A4)
    e3, e4 = np.exp(A3 - m), np.exp(A4 - m)
    ll = A1 + A2 + m + np.log(e3 + e4)
    w4 = e4 / (e3 + e4); w3 = 1 - w4
    gr = psi(r + x) - psi(r) + np.log(alpha) - w3 * lT - w4 * ltx
    gal = r / alpha - (r + x) * (w3 / (alpha + T) + w4 / (alpha + tx))
    ga = psi(a + b) - psi(a + b + x) + w4 / a
    gb = psi(a + b) + psi(b + x) - psi(b) - psi(a + b + x) - w4 / np.where(pos, b + x - 1, 1)
    grad = -np.array([r * gr.sum(), alpha * gal.sum(), a * ga.sum(), b * gb.sum()]) / n
    return -ll.sum() / n, grad

def gammagamma(theta, x, z):
    p, q, v = np.exp(theta)
    n = len(x)
    px = p * x
    ll = gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(v) + (px - 1) * np.log(z) + px * np.log(x) - (px + q) * np.log(v + x * z)
    gp = x * (psi(px + q) - psi(px) + np.log(z) + np.log(x) - np.log(v + x * z))
    gq = psi(px + q) - psi(q) + np.log(v) - np.log(v + x * z)
    gv = q / v - (px + q) / (v + x * z)
    return -ll.sum() / n, -np.array([p * gp.sum(), q * gq.sum(), v * gv.sum()]) / n

times = []
for run in range(3):
    start = time.perf_counter()
    scale = 1 / T.max()
    res = minimize(bgnbd, np.full(4, 0.1), args=(x, tx * scale, T * scale), jac=True, method='BFGS', tol=1e-7)
    r, alpha, a, b = np.exp(res.x); alpha /= scale
    mid = time.perf_counter()
    rep = (x > 0) & (zbar > 0)
    res2 = minimize(gammagamma, np.full(3, 0.1), args=(x[rep], zbar[rep]), jac=True, method='BFGS', tol=1e-7)
    p, q, v = np.exp(res2.x)
    end = time.perf_counter()
    times.append((mid - start, end - mid))
    print(f"run {run + 1}: BG/NBD {mid - start:.2f} s ({res.nit} iterations) r {r:.4f} alpha {alpha:.3f} a {a:.4f} b {b:.4f}; "
          f"Gamma-Gamma {end - mid:.2f} s ({res2.nit} iterations) p {p:.4f} q {q:.4f} v {v:.3f}")
bg = sorted(t[0] for t in times)[1]; gg = sorted(t[1] for t in times)[1]
print(f"median: BG/NBD {bg:.2f} s, Gamma-Gamma {gg:.2f} s, both {bg + gg:.2f} s")
