// Placeholder until the offline helper's tally client lands; their file replaces this one.
