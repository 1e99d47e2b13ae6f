"""The sites app's pages: public (schedule, flyer, feed) and coordinators' editing pages."""
