package nn.core.optim;

import java.util.List;
import nn.core.graph.Parameter;
import nn.core.tensor.Tensor;

/**
 * The update rules again, in double precision over plain arrays, written from PyTorch's
 * documented algorithms (torch.optim.SGD, Adagrad, RMSprop, Adam, AdamW) without the kernels,
 * and helpers to give a parameter a gradient.
 */
final class Reference {

    private Reference() {
    }

    /** Sets {@code p}'s gradient to {@code g}. */
    static void setGrad(Parameter p, float[] g) {
        if (p.grad() == null) {
            p.backward(Tensor.of(g.clone(), p.value().shape()));
        } else {
            System.arraycopy(g, 0, p.grad().data(), 0, g.length);
        }
    }

    /** Sets each parameter's gradient to {@code a * (w - c)}: of {@code 0.5 sum a (w - c)^2}. */
    static void quadraticGrads(List<Parameter> ps, double[] a, double[] c) {
        for (Parameter p : ps) {
            float[] w = p.value().data();
            float[] g = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                g[i] = (float) (a[i % a.length] * (w[i] - c[i % c.length]));
            }
            setGrad(p, g);
        }
    }

    /** A reference optimizer over one double vector. */
    interface Rule {
        void step(double[] w, double[] g, long t);
    }

    static Rule sgd(double lr, double mu, double tau, double lambda, boolean nesterov) {
        return new Rule() {
            double[] b;

            @Override
            public void step(double[] w, double[] g0, long t) {
                if (b == null) {
                    b = new double[w.length];
                }
                for (int i = 0; i < w.length; i++) {
                    double g = g0[i];
                    if (lambda != 0) {
                        g = g + lambda * w[i];
                    }
                    if (mu != 0) {
                        b[i] = t > 1 ? mu * b[i] + (1 - tau) * g : g;
                        g = nesterov ? g + mu * b[i] : b[i];
                    }
                    w[i] = w[i] - lr * g;
                }
            }
        };
    }

    static Rule adagrad(double lr, double lrDecay, double lambda, double s0, double eps) {
        return new Rule() {
            double[] s;

            @Override
            public void step(double[] w, double[] g0, long t) {
                if (s == null) {
                    s = new double[w.length];
                    java.util.Arrays.fill(s, s0);
                }
                double clr = lr / (1 + (t - 1) * lrDecay);
                for (int i = 0; i < w.length; i++) {
                    double g = g0[i] + lambda * w[i];
                    s[i] += g * g;
                    w[i] -= clr * g / (Math.sqrt(s[i]) + eps);
                }
            }
        };
    }

    static Rule rmsprop(double lr, double alpha, double eps, double lambda, double mu, boolean centered) {
        return new Rule() {
            double[] v;
            double[] gAvg;
            double[] b;

            @Override
            public void step(double[] w, double[] g0, long t) {
                if (v == null) {
                    v = new double[w.length];
                    gAvg = new double[w.length];
                    b = new double[w.length];
                }
                for (int i = 0; i < w.length; i++) {
                    double g = g0[i] + lambda * w[i];
                    v[i] = alpha * v[i] + (1 - alpha) * g * g;
                    double vt = v[i];
                    if (centered) {
                        gAvg[i] = alpha * gAvg[i] + (1 - alpha) * g;
                        vt = vt - gAvg[i] * gAvg[i];
                    }
                    if (mu > 0) {
                        b[i] = mu * b[i] + g / (Math.sqrt(vt) + eps);
                        w[i] -= lr * b[i];
                    } else {
                        w[i] -= lr * g / (Math.sqrt(vt) + eps);
                    }
                }
            }
        };
    }

    /** Adam ({@code decoupled} false, lambda added to g) or AdamW (decoupled, w shrunk first). */
    static Rule adam(double lr, double beta1, double beta2, double eps, double lambda, boolean decoupled) {
        return new Rule() {
            double[] m;
            double[] v;

            @Override
            public void step(double[] w, double[] g0, long t) {
                if (m == null) {
                    m = new double[w.length];
                    v = new double[w.length];
                }
                for (int i = 0; i < w.length; i++) {
                    if (decoupled) {
                        w[i] = w[i] - lr * lambda * w[i];
                    }
                    double g = decoupled ? g0[i] : g0[i] + lambda * w[i];
                    m[i] = beta1 * m[i] + (1 - beta1) * g;
                    v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                    double mHat = m[i] / (1 - Math.pow(beta1, t));
                    double vHat = v[i] / (1 - Math.pow(beta2, t));
                    w[i] = w[i] - lr * mHat / (Math.sqrt(vHat) + eps);
                }
            }
        };
    }
}
