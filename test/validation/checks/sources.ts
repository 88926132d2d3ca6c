/** Every source a check cites: a short label for the tables and the full reference. */
export const SOURCES: Record<string, { label: string; reference: string }> = {
  kleinrock: {
    label: "Kleinrock 1975",
    reference:
      "L. Kleinrock, *Queueing Systems, Volume 1: Theory*, Wiley, 1975: M/M/1 and M/M/m in " +
      "chapter 3 (for FIFO M/M/1 the response time is exponential with rate μ − λ).",
  },
  erlang: {
    label: "Erlang C",
    reference:
      "A. K. Erlang, “Solution of some problems in the theory of probabilities of significance " +
      "in automatic telephone exchanges”, 1917; the Erlang C formula for M/M/c as in Kleinrock " +
      "1975, chapter 3.",
  },
  pk: {
    label: "Pollaczek–Khinchine",
    reference:
      "The Pollaczek–Khinchine mean-value formula for M/G/1 (F. Pollaczek 1930, A. Khinchine " +
      "1932), as in Kleinrock 1975, chapter 5.",
  },
  little: {
    label: "Little 1961",
    reference:
      "J. D. C. Little, “A Proof for the Queuing Formula: L = λW”, *Operations Research* 9(3), " +
      "1961, pp. 383–387.",
  },
  derived: {
    label: "derived here",
    reference: "Derived in this document from the model (README, “The model”).",
  },
  vattani: {
    label: "Vattani et al. 2015",
    reference:
      "A. Vattani, F. Chierichetti, K. Lowenstein, “Optimal Probabilistic Cache Stampede " +
      "Prevention”, *PVLDB* 8(8), 2015 (the XFetch rule); the two consequences checked here are " +
      "derived in this document.",
  },
  geometric: {
    label: "truncated geometric",
    reference: "Elementary probability: the number of attempts is a geometric law cut at k.",
  },
  sre: {
    label: "SRE book, retry budget",
    reference:
      "B. Beyer, C. Jones, J. Petoff, N. R. Murphy (eds.), *Site Reliability Engineering*, " +
      "O'Reilly, 2016, chapters 21–22 (per-client retry budgets); the token bucket of SPEC §8.",
  },
  spec7: {
    label: "SPEC §7; Brooker 2015",
    reference:
      "SPEC §7 (the definitions this simulator implements), after M. Brooker, “Exponential " +
      "Backoff And Jitter”, AWS Architecture Blog, 2015.",
  },
  bronson: {
    label: "Bronson et al. 2021",
    reference:
      "N. Bronson, A. Aghayev, A. Charapko, T. Zhu, “Metastable Failures in Distributed " +
      "Systems”, HotOS 2021; L. Huang et al., “Metastable Failures in the Wild”, OSDI 2022. The " +
      "fluid model and its threshold are derived in this document.",
  },
  schroeder: {
    label: "Schroeder et al. 2006",
    reference:
      "B. Schroeder, A. Wierman, M. Harchol-Balter, “Open Versus Closed: A Cautionary Tale”, " +
      "NSDI 2006 (an open system's arrival rate does not depend on its response times); fluid " +
      "model derived in this document.",
  },
};
