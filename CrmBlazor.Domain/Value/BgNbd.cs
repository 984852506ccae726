namespace CrmBlazor.Domain.Value;

/// <summary>BG/NBD parameters: purchase rates λ ~ Gamma(r, α), dropout p ~ Beta(a, b); α in the data's time unit.</summary>
/// <param name="LogLikelihood">The sample log-likelihood Σ ln L (FHL 2005 eq. 6) at these parameters.</param>
public sealed record BgNbdParameters(double R, double Alpha, double A, double B, double LogLikelihood);

/// <summary>How a model is fitted.</summary>
/// <param name="MaxIterations">BFGS iterations before the fit is refused as not converged.</param>
/// <param name="GradientTolerance">Converged when every component of the gradient of the mean negative log-likelihood (per customer, over log-parameters) is below this.</param>
/// <param name="Penalizer">Optional L2 penalty on the log-parameters added to the mean negative log-likelihood (0 = plain maximum likelihood); keeps thin data from running to the bounds.</param>
/// <param name="MaxDegreeOfParallelism">Threads for the likelihood sum; null = all cores.</param>
public sealed record FitOptions(int MaxIterations = 1000, double GradientTolerance = 1e-9, double Penalizer = 0, int? MaxDegreeOfParallelism = null)
{
    public static FitOptions Default { get; } = new();
}

/// <summary>
/// The BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way").
/// Fitting collapses identical (x, t_x, T) rows into weights and maximises the likelihood over
/// log-parameters with BFGS and the analytic gradient (docs/decisions/007-clv-models.md).
/// </summary>
public static class BgNbd
{
    /// <summary>Maximum-likelihood fit. Refuses (DomainException) empty data, data without repeat buyers, invalid rows, and data that do not determine the parameters.</summary>
    public static BgNbdParameters Fit(ReadOnlySpan<RepeatSummary> customers, FitOptions? options = null) =>
        throw new NotImplementedException();

    /// <summary>Σ ln L over <paramref name="customers"/> (FHL 2005 eq. 6).</summary>
    public static double LogLikelihood(double r, double alpha, double a, double b, ReadOnlySpan<RepeatSummary> customers) =>
        throw new NotImplementedException();

    /// <summary>ln L of one customer.</summary>
    public static double LogLikelihood(double r, double alpha, double a, double b, double x, double tx, double T) =>
        throw new NotImplementedException();

    /// <summary>P(alive at T | x, t_x, T); 1 when x = 0 (in the BG/NBD a customer can only drop out right after a repeat purchase).</summary>
    public static double ProbabilityAlive(BgNbdParameters p, double x, double tx, double T) =>
        throw new NotImplementedException();

    /// <summary>E[purchases in (T, T + t] | x, t_x, T] (FHL 2005 eq. 10), in the data's time unit.</summary>
    public static double ExpectedPurchases(BgNbdParameters p, double t, double x, double tx, double T) =>
        throw new NotImplementedException();

    /// <summary>E[X(t)] of a customer just acquired (FHL 2005 eq. 9): expected repeat purchases in (0, t].</summary>
    public static double ExpectedPurchasesNewCustomer(BgNbdParameters p, double t) =>
        throw new NotImplementedException();
}
