// A view's state held in one place: dispatch(action) runs the view's pure reducer and tells each
// subscriber the new and the previous state (so it redraws only what changed) and the action.

export class Store {
  constructor(reduce, initial) {
    this.reduce = reduce;
    this.state = initial;
    this.listeners = [];
  }

  get() {
    return this.state;
  }

  subscribe(listener) {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  dispatch(action) {
    const before = this.state;
    this.state = this.reduce(before, action);
    if (this.state !== before) for (const listener of this.listeners) listener(this.state, before, action);
    return this.state;
  }
}
